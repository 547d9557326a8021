-- Placeholder on the `facts` branch only: another branch brings the real 008. Delete this file at merge.
SELECT 1;
