-- A guardian moves money from their wallet into a dependent's (issue 19): the dependent's visits are
-- paid from, and refunded to, the dependent's own wallet, and each move between the two is one
-- balanced ledger transaction of its own kind.
ALTER TABLE ledger_transactions DROP CONSTRAINT ledger_transactions_kind_check;
ALTER TABLE ledger_transactions ADD CONSTRAINT ledger_transactions_kind_check
  CHECK (kind IN ('promotion', 'topup', 'reserve', 'release', 'capture', 'gateway_receipt',
                  'refund', 'refund_reversal', 'adjustment', 'transfer'));
