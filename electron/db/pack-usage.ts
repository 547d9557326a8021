/**
 * What a pack has used, as one SQL expression: each check-in that used it and was not undone
 * uses one session (unless it stands for a class at the door: the class's booking counts instead), and each class booking uses the units it recorded (an attended class, or a
 * late cancellation or no-show under the 'deduct' rule). Every reader of "sessions used" (the
 * standing, the pack list, the family page) counts through this, so they can never disagree.
 */
export function packUsedSql(packId: string): string {
  return `((SELECT count(*) FROM checkins c WHERE c.pack_id = ${packId} AND c.undone_at IS NULL AND c.class_booking_id IS NULL)
         + (SELECT COALESCE(SUM(b.units_used), 0) FROM class_bookings b WHERE b.pack_id = ${packId}))`;
}
