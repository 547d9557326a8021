-- A credit note for days that bonus credit (充值赠送) had paid for gives that share back as bonus credit, never as
-- money (docs/billing.md, "Credit notes on an invoice bonus credit paid"): the grant names its credit note. What of
-- the note can then be spent or refunded as paid credit is its total less its allocations, its refunds and the
-- bonus it gave back; the caps below hold that in the database.
ALTER TABLE bonus_grants ADD COLUMN credit_note_id INTEGER REFERENCES credit_notes (id);
CREATE INDEX bonus_grants_credit_note ON bonus_grants (credit_note_id) WHERE credit_note_id IS NOT NULL;

CREATE TRIGGER bonus_grants_one_source BEFORE INSERT ON bonus_grants
WHEN NEW.payment_id IS NOT NULL AND NEW.credit_note_id IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'BONUS_ONE_SOURCE: a bonus grant comes from a top-up or a credit note, not both');
END;

CREATE TRIGGER bonus_grants_credit_note_cap_ins AFTER INSERT ON bonus_grants
WHEN NEW.credit_note_id IS NOT NULL AND
  (SELECT COALESCE(SUM(amount), 0) FROM allocations WHERE credit_note_id = NEW.credit_note_id)
  + (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE credit_note_id = NEW.credit_note_id)
  + (SELECT COALESCE(SUM(amount), 0) FROM bonus_grants WHERE credit_note_id = NEW.credit_note_id)
  > (SELECT total FROM credit_notes WHERE id = NEW.credit_note_id)
BEGIN
  SELECT RAISE(ABORT, 'CREDIT_OVERAPPLIED: a credit note is never applied beyond its total');
END;

CREATE TRIGGER bonus_grants_credit_note_fixed BEFORE UPDATE OF credit_note_id, payment_id ON bonus_grants
WHEN NEW.credit_note_id IS NOT OLD.credit_note_id OR (OLD.credit_note_id IS NOT NULL AND NEW.payment_id IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'BONUS_ONE_SOURCE: a bonus grant keeps the source it came from');
END;

CREATE TRIGGER bonus_grants_credit_note_cap_upd AFTER UPDATE OF amount ON bonus_grants
WHEN NEW.credit_note_id IS NOT NULL AND
  (SELECT COALESCE(SUM(amount), 0) FROM allocations WHERE credit_note_id = NEW.credit_note_id)
  + (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE credit_note_id = NEW.credit_note_id)
  + (SELECT COALESCE(SUM(amount), 0) FROM bonus_grants WHERE credit_note_id = NEW.credit_note_id)
  > (SELECT total FROM credit_notes WHERE id = NEW.credit_note_id)
BEGIN
  SELECT RAISE(ABORT, 'CREDIT_OVERAPPLIED: a credit note is never applied beyond its total');
END;

-- The caps of migration 005 count the bonus a note gave back too.
DROP TRIGGER allocations_credit_note_cap_ins;
CREATE TRIGGER allocations_credit_note_cap_ins AFTER INSERT ON allocations
WHEN NEW.credit_note_id IS NOT NULL AND
  (SELECT COALESCE(SUM(amount), 0) FROM allocations WHERE credit_note_id = NEW.credit_note_id)
  + (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE credit_note_id = NEW.credit_note_id)
  + (SELECT COALESCE(SUM(amount), 0) FROM bonus_grants WHERE credit_note_id = NEW.credit_note_id)
  > (SELECT total FROM credit_notes WHERE id = NEW.credit_note_id)
BEGIN
  SELECT RAISE(ABORT, 'CREDIT_OVERAPPLIED: a credit note is never applied beyond its total');
END;

DROP TRIGGER allocations_credit_note_cap_upd;
CREATE TRIGGER allocations_credit_note_cap_upd AFTER UPDATE ON allocations
WHEN NEW.credit_note_id IS NOT NULL AND
  (SELECT COALESCE(SUM(amount), 0) FROM allocations WHERE credit_note_id = NEW.credit_note_id)
  + (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE credit_note_id = NEW.credit_note_id)
  + (SELECT COALESCE(SUM(amount), 0) FROM bonus_grants WHERE credit_note_id = NEW.credit_note_id)
  > (SELECT total FROM credit_notes WHERE id = NEW.credit_note_id)
BEGIN
  SELECT RAISE(ABORT, 'CREDIT_OVERAPPLIED: a credit note is never applied beyond its total');
END;

DROP TRIGGER credit_notes_total_cap;
CREATE TRIGGER credit_notes_total_cap AFTER UPDATE OF total ON credit_notes
WHEN (SELECT COALESCE(SUM(amount), 0) FROM allocations WHERE credit_note_id = NEW.id)
   + (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE credit_note_id = NEW.id)
   + (SELECT COALESCE(SUM(amount), 0) FROM bonus_grants WHERE credit_note_id = NEW.id) > NEW.total
BEGIN
  SELECT RAISE(ABORT, 'CREDIT_OVERAPPLIED: a credit note is never applied beyond its total');
END;

DROP TRIGGER refunds_cap_ins;
CREATE TRIGGER refunds_cap_ins AFTER INSERT ON refunds
WHEN (NEW.payment_id IS NOT NULL AND
       (SELECT COALESCE(SUM(amount), 0) FROM allocations WHERE payment_id = NEW.payment_id)
       + (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE payment_id = NEW.payment_id)
       > (SELECT amount FROM payments WHERE id = NEW.payment_id))
  OR (NEW.credit_note_id IS NOT NULL AND
       (SELECT COALESCE(SUM(amount), 0) FROM allocations WHERE credit_note_id = NEW.credit_note_id)
       + (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE credit_note_id = NEW.credit_note_id)
       + (SELECT COALESCE(SUM(amount), 0) FROM bonus_grants WHERE credit_note_id = NEW.credit_note_id)
       > (SELECT total FROM credit_notes WHERE id = NEW.credit_note_id))
BEGIN
  SELECT RAISE(ABORT, 'REFUND_EXCEEDS_REFUNDABLE: a refund never exceeds what is left to refund');
END;

DROP TRIGGER refunds_cap_upd;
CREATE TRIGGER refunds_cap_upd AFTER UPDATE ON refunds
WHEN (NEW.payment_id IS NOT NULL AND
       (SELECT COALESCE(SUM(amount), 0) FROM allocations WHERE payment_id = NEW.payment_id)
       + (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE payment_id = NEW.payment_id)
       > (SELECT amount FROM payments WHERE id = NEW.payment_id))
  OR (NEW.credit_note_id IS NOT NULL AND
       (SELECT COALESCE(SUM(amount), 0) FROM allocations WHERE credit_note_id = NEW.credit_note_id)
       + (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE credit_note_id = NEW.credit_note_id)
       + (SELECT COALESCE(SUM(amount), 0) FROM bonus_grants WHERE credit_note_id = NEW.credit_note_id)
       > (SELECT total FROM credit_notes WHERE id = NEW.credit_note_id))
BEGIN
  SELECT RAISE(ABORT, 'REFUND_EXCEEDS_REFUNDABLE: a refund never exceeds what is left to refund');
END;
