-- discussion: extra fields of a record (a JSON object of strings), set from the defaults of the alias that created it
ALTER TABLE business_records ADD COLUMN field_values VARCHAR(8000);
