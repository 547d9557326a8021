-- The revenue report's tax column is the tax invoiced less the tax credit notes gave back (their "Invoiced"
-- column already nets the credit notes): the month summary keeps the notes' tax as 'credited_tax' (key '').
DELETE FROM report_monthly WHERE measure = 'credited_tax';
INSERT INTO report_monthly (month, measure, key, amount)
  SELECT substr(issue_date, 1, 7), 'credited_tax', '', SUM(tax_total) FROM credit_notes GROUP BY 1;

CREATE TRIGGER report_credit_notes_tax_ins AFTER INSERT ON credit_notes
BEGIN
  INSERT INTO report_monthly (month, measure, key, amount) VALUES (substr(NEW.issue_date, 1, 7), 'credited_tax', '', NEW.tax_total)
    ON CONFLICT (month, measure, key) DO UPDATE SET amount = amount + excluded.amount;
END;
