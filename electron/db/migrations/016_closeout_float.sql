-- The opening float (备用金): the change the drawer starts the day with. The cash a closed day should
-- hold is the float + cash taken − cash refunded; days closed before this column read as float 0.
ALTER TABLE day_closeouts ADD COLUMN opening_float INTEGER NOT NULL DEFAULT 0 CHECK (opening_float >= 0);
