-- Payments reference booking's appointments (0010); a separate step because 0031 landed before it.
ALTER TABLE payments
  ADD CONSTRAINT payments_appointment_fk FOREIGN KEY (appointment_id) REFERENCES appointments (id) ON DELETE CASCADE;
