-- Payments, refunds and received webhook events (issue 4).

CREATE TABLE payments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('appointment', 'topup')),
  -- Set for purpose 'appointment' (the foreign key is added once the appointments table exists).
  appointment_id uuid,
  method text NOT NULL CHECK (method IN ('wallet', 'card', 'hybrid')),
  gateway text CHECK (gateway IN ('stripe', 'razorpay')),
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  wallet_minor bigint NOT NULL DEFAULT 0 CHECK (wallet_minor >= 0),
  gateway_minor bigint NOT NULL DEFAULT 0 CHECK (gateway_minor >= 0),
  -- pending: waiting for the gateway (a hybrid's wallet part is reserved in clearing meanwhile).
  -- succeeded: money captured and applied (appointment confirmed / wallet topped up).
  -- failed / canceled: no money kept; reservation released.
  -- refunded: money came back out (fully); partial refunds keep 'succeeded' with refunded_minor > 0.
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed', 'canceled', 'refunded')),
  -- Whether the wallet part currently sits in clearing (reserved and neither captured nor released).
  wallet_reserved boolean NOT NULL DEFAULT false,
  -- Stripe PaymentIntent id / Razorpay order id, and the captured payment (charge / pay_...) id.
  gateway_ref text,
  gateway_payment_id text,
  client_secret text,
  refunded_minor bigint NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
  -- Why a payment ended as it did when it is not obvious (e.g. 'late_no_slot': auto-refunded).
  resolution text,
  failure_code text,
  failure_message text,
  idempotency_key text,
  request_hash text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  settled_at timestamptz,
  CHECK (wallet_minor + gateway_minor = amount_minor),
  CHECK (refunded_minor <= amount_minor),
  CHECK ((purpose = 'appointment') = (appointment_id IS NOT NULL)),
  CHECK ((method = 'wallet') = (gateway IS NULL))
);
CREATE UNIQUE INDEX payments_idempotency_key ON payments (patient_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE UNIQUE INDEX payments_gateway_ref_key ON payments (gateway, gateway_ref) WHERE gateway_ref IS NOT NULL;
-- One live payment per appointment: a second checkout for an appointment that is being paid or is
-- paid is refused (two orders for one payment cannot happen).
CREATE UNIQUE INDEX payments_one_live_per_appointment ON payments (appointment_id)
  WHERE appointment_id IS NOT NULL AND status IN ('pending', 'succeeded');
CREATE INDEX payments_patient_idx ON payments (patient_id, created_at DESC);
CREATE INDEX payments_pending_idx ON payments (created_at) WHERE status = 'pending';

-- A paid payment never moves back to pending, failed or canceled.
CREATE FUNCTION payments_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'succeeded' AND NEW.status NOT IN ('succeeded', 'refunded') THEN
    RAISE EXCEPTION 'payment % is paid and cannot become %', OLD.id, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  -- refunded → succeeded only when a gateway refused a refund and it was reversed.
  IF OLD.status = 'refunded' AND NEW.status NOT IN ('refunded', 'succeeded') THEN
    RAISE EXCEPTION 'payment % is refunded and cannot become %', OLD.id, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.settled_at IS NOT NULL AND NEW.settled_at IS DISTINCT FROM OLD.settled_at THEN
    RAISE EXCEPTION 'payment % settlement time is final', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;
CREATE TRIGGER payments_forward_only BEFORE UPDATE ON payments FOR EACH ROW EXECUTE FUNCTION payments_forward_only();

CREATE TABLE payment_refunds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  payment_id uuid NOT NULL REFERENCES payments (id) ON DELETE CASCADE,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  wallet_minor bigint NOT NULL DEFAULT 0 CHECK (wallet_minor >= 0),
  gateway_minor bigint NOT NULL DEFAULT 0 CHECK (gateway_minor >= 0),
  -- pending: recorded and booked, gateway part not yet accepted by the gateway (retried by the
  -- reconciler); processing: accepted, waiting for the gateway's confirmation; succeeded; failed
  -- (gateway refused: the booking was reversed).
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'succeeded', 'failed')),
  reason text NOT NULL,
  -- At most one refund per cause (e.g. 'cancel:<appointment id>'): a retried cancellation refunds once.
  cause_key text NOT NULL,
  gateway_refund_id text,
  failure_message text,
  attempts int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (wallet_minor + gateway_minor = amount_minor),
  UNIQUE (payment_id, cause_key)
);
CREATE UNIQUE INDEX payment_refunds_gateway_id_key ON payment_refunds (gateway_refund_id) WHERE gateway_refund_id IS NOT NULL;
CREATE INDEX payment_refunds_open_idx ON payment_refunds (created_at) WHERE status IN ('pending', 'processing');

-- Each gateway event is applied at most once, whatever the number of deliveries.
CREATE TABLE payment_webhook_events (
  provider text NOT NULL CHECK (provider IN ('stripe', 'razorpay')),
  event_id text NOT NULL,
  type text NOT NULL,
  outcome text NOT NULL DEFAULT '',
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, event_id)
);
CREATE INDEX payment_webhook_events_received_idx ON payment_webhook_events (received_at);
