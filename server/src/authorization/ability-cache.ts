import { Injectable } from '@nestjs/common';
import { defineAbilityFor, packedRulesFor, type AbilityOwner, type AppAbility } from './abilities';

/** Far more than there are staff members; past it the oldest entries go. */
const MAX_ENTRIES = 2_000;

/**
 * Abilities built once per (role, staff id), not on every request. The key must hold everything
 * defineAbilityFor reads: the role, and the id that the "not their own work" and "assigned to
 * them" rules compare rows with. An ability is never changed after it is built (no `update()`),
 * so requests can share it; a role change gives a new key.
 */
@Injectable()
export class AbilityCache {
  private readonly abilities = new Map<string, AppAbility>();
  private readonly packed = new WeakMap<AppAbility, ReturnType<typeof packedRulesFor>>();

  abilityFor(staff: AbilityOwner): AppAbility {
    const key = `${staff.role}:${staff.id}`;
    let ability = this.abilities.get(key);
    if (ability === undefined) {
      ability = defineAbilityFor({ id: staff.id, role: staff.role });
      if (this.abilities.size >= MAX_ENTRIES) this.abilities.delete(this.abilities.keys().next().value as string);
      this.abilities.set(key, ability);
    }
    return ability;
  }

  /** The ability's rules packed for the console, packed once per ability. */
  packedRulesOf(ability: AppAbility): ReturnType<typeof packedRulesFor> {
    let rules = this.packed.get(ability);
    if (rules === undefined) {
      rules = packedRulesFor(ability);
      this.packed.set(ability, rules);
    }
    return rules;
  }
}
