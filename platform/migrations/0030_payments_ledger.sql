-- Double-entry ledger (issue 4). Every movement of money is one ledger_transactions row with two or
-- more ledger_entries whose signed amounts sum to zero per currency; the database checks that at
-- commit (deferred constraint trigger), so no code path can leave the books unbalanced.
-- Sign convention: an account's balance is the sum of its entries; a patient wallet's balance is what
-- the platform owes the patient (never below zero), sources such as promotions or a gateway go negative.

CREATE TABLE ledger_accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- 'wallet' (one per patient and currency) or a system account (one per currency, per gateway).
  kind text NOT NULL CHECK (kind IN ('wallet', 'clearing', 'gateway', 'revenue', 'refunds', 'promotions')),
  -- Unique name within a currency: 'wallet:<user id>', 'clearing', 'gateway:stripe', 'revenue'...
  key text NOT NULL,
  owner_id uuid REFERENCES users (id) ON DELETE CASCADE,
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  -- Cached only for wallets (the row the non-negativity rule is enforced on); system accounts are
  -- summed from entries so that they are no lock hot spot. verifyLedger() checks the cache.
  balance_minor bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'wallet') = (owner_id IS NOT NULL)),
  CONSTRAINT wallet_not_negative CHECK (kind <> 'wallet' OR balance_minor >= 0),
  UNIQUE (key, currency),
  UNIQUE (id, currency)
);
CREATE INDEX ledger_accounts_owner_idx ON ledger_accounts (owner_id) WHERE owner_id IS NOT NULL;

CREATE TABLE ledger_transactions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('promotion', 'topup', 'reserve', 'release', 'capture', 'gateway_receipt',
                                     'refund', 'refund_reversal', 'adjustment')),
  payment_id uuid,
  refund_id uuid,
  memo text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_transactions_payment_idx ON ledger_transactions (payment_id) WHERE payment_id IS NOT NULL;

CREATE TABLE ledger_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id uuid NOT NULL REFERENCES ledger_transactions (id) ON DELETE CASCADE,
  account_id uuid NOT NULL,
  currency char(3) NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor <> 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- The entry's currency is its account's: a transaction cannot mix currencies inside one account.
  FOREIGN KEY (account_id, currency) REFERENCES ledger_accounts (id, currency) ON DELETE CASCADE
);
CREATE INDEX ledger_entries_tx_idx ON ledger_entries (transaction_id);
CREATE INDEX ledger_entries_account_idx ON ledger_entries (account_id, id DESC);

-- Balance per transaction and currency, checked once the transaction commits (so the entries can be
-- inserted one by one).
CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT currency, sum(amount_minor) AS total INTO bad
    FROM ledger_entries WHERE transaction_id = NEW.transaction_id
    GROUP BY currency HAVING sum(amount_minor) <> 0 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % is unbalanced in % by %', NEW.transaction_id, bad.currency, bad.total
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_balanced';
  END IF;
  RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();

-- Entries are facts: corrections are new transactions, never edits. (Deletes only happen by cascade
-- when a demo account is erased, and then whole transactions go; see ledger_accounts_erase.)
CREATE FUNCTION ledger_entries_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger entries are immutable' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_entries_immutable();

-- Erasing a user (the demo reseed does) removes every transaction that touched their wallet, whole,
-- so the remaining books still balance.
CREATE FUNCTION ledger_accounts_erase() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM ledger_transactions WHERE id IN (SELECT transaction_id FROM ledger_entries WHERE account_id = OLD.id);
  RETURN OLD;
END;
$$;
CREATE TRIGGER ledger_accounts_erase BEFORE DELETE ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_accounts_erase();
