import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobRunner } from '../../jobs/job-runner';
import { SubjectKeysService } from '../subject-keys.service';

/**
 * Finishes a crypto-shred: a new KEK rewraps every live data key and the older KEKs are destroyed,
 * so a shredded key's copies in earlier dumps and backups can no longer be unwrapped. It must run
 * after the erasure commits (a rotation inside a transaction that then rolls back would leave keys
 * wrapped by a destroyed KEK), so the erasure queues it in its own transaction.
 */
export const SUBJECT_KEY_ROTATION_JOB = 'subjects-key-rotation';

@Injectable()
export class SubjectKeyRotationJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobRunner,
    private readonly keys: SubjectKeysService,
  ) {}

  onModuleInit(): Promise<void> {
    return this.jobs.register({
      name: SUBJECT_KEY_ROTATION_JOB,
      singleton: true,
      timeoutMinutes: 60,
      run: async () => {
        const result = await this.keys.rotate();
        return { rewrapped: result.rewrapped, retired: result.retiredKekIds.length };
      },
    });
  }

  /**
   * Queues a rotation in the caller's transaction (it runs once that commits). False where jobs do
   * not run (command-line tools, tests without jobs): `npm run keys:rotate` then completes it.
   */
  async queue(manager: EntityManager): Promise<boolean> {
    if (!this.jobs.isRunning) return false;
    await this.jobs.enqueue(SUBJECT_KEY_ROTATION_JOB, { trigger: 'event' }, manager);
    return true;
  }
}
