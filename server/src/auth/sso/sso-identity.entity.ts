import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A staff account's identity at an OpenID Connect provider: issuer and subject, never the email. */
@Entity('staff_sso_identities')
export class SsoIdentityEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'staff_id', type: 'uuid' })
  staffId!: string;

  @Column({ type: 'text' })
  issuer!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'email_at_link', type: 'text' })
  emailAtLink!: string;

  @Column({ name: 'linked_at', type: 'timestamptz' })
  linkedAt!: Date;

  @Column({ name: 'last_sign_in_at', type: 'timestamptz', nullable: true })
  lastSignInAt!: Date | null;
}
