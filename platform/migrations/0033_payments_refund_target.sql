-- The captured gateway payment a refund goes back to, when it is not the payment's own: a second
-- capture on one Razorpay order is money without an appointment and is refunded to itself.
ALTER TABLE payment_refunds ADD COLUMN gateway_payment_id text;
