// Who may do what: the roles and the one rule that ranks them. The contract declares each channel's
// access with these; the screens use the same rule to show only what the signed-in person may do.

export type Role = 'desk' | 'manager' | 'owner';
/** A channel's access: the least role that may call it, or 'public' (no sign-in needed). */
export type Access = Role | 'public';

export const ROLE_RANK: Record<Role, number> = { desk: 1, manager: 2, owner: 3 };

/** Does `role` satisfy a channel's (or a screen's) access? owner ⊇ manager ⊇ desk; public needs nobody. */
export function allows(role: Role | null | undefined, access: Access): boolean {
  if (access === 'public') return true;
  return !!role && ROLE_RANK[role] >= ROLE_RANK[access];
}

/**
 * Where a role's screen opens when the address names none: the dashboard for whoever may read it
 * (managers and owners), the member list for the desk. The sidebar lists the dashboard first for the same rule.
 */
export function homeScreen(role: Role): 'dashboard' | 'members' {
  return allows(role, 'manager') ? 'dashboard' : 'members';
}
