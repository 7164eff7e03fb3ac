// Wallet top-up, currencies and the fee filter.
// Both languages live here; `moneyHi` must carry every key of `moneyEn` (the type says so).
export const moneyEn = {
  // Wallet: add money
  'money.addMoney': 'Add money',
  'money.addMoneyLead':
    'Top up your wallet by card, in the currency you will pay in. The money is added as soon as the payment provider confirms it.',
  'money.amount': 'Amount',
  'money.currency': 'Currency',
  'money.continue': 'Continue to payment',
  'money.payTopup': 'Add {amount}',
  'money.via': 'You pay securely with {gateway}.',
  'money.waiting': 'Waiting for the payment provider to confirm…',
  'money.added': '{amount} was added to your wallet.',
  'money.pendingLong':
    'The payment is still being confirmed. Your balance updates on its own as soon as it is.',
  'money.another': 'Add more money',
  'money.unavailable':
    'Card payments in {currency} are not set up on this server, so the wallet cannot be topped up in {currency}.',
  'money.err.empty': 'Enter an amount.',
  'money.err.number': 'Enter the amount as a number, for example 500 or 80.50.',
  'money.err.negative': 'The amount cannot be negative.',
  'money.err.noDecimals': '{currency} has no decimal places: enter a whole amount.',
  'money.err.decimals': '{currency} has at most {n} decimal places.',
  'money.err.range': 'Enter an amount from {min} to {max}.',
  // Booking: a fee in another currency
  'money.otherCurrency': 'This doctor charges in {currency}',
  'money.otherCurrencyBody':
    'The fee is {price}. Your wallet holds {balances}, which cannot pay a fee in {currency}: money is not converted between currencies.',
  'money.shortBody': 'The fee is {price} and your wallet has {balance} in {currency}.',
  'money.partial': 'In {currency} it has {balance}.',
  'money.howToPay': 'You can pay by card, or add {currency} to your wallet first.',
  'money.payByCard': 'Pay {price} by card',
  'money.topupIn': 'Add {amount} to the wallet',
  'money.cardChosen': 'You will pay {price} by card once the time is reserved.',
  'money.topupDone': 'Your wallet now has {balance}: it pays this visit.',
  'money.unpayable':
    'Card payments in {currency} are not set up on this server and your wallet has no {currency} for this fee, so this visit cannot be paid online here.',
  'money.topupTitle': 'Add {currency} to your wallet',
  // Doctor profile
  'money.profileNote':
    'Fees are in {currency}. Your wallet holds {balances}, which cannot pay them: when you book, pay by card or add {currency} to your wallet.',
  // Doctor search: the fee filter
  'money.feeCurrency': 'Fee currency',
  'money.maxFeeIn': 'Maximum fee ({currency})',
  'money.anyCurrency': 'Any currency',
  'money.onlyIn': 'Showing doctors who charge in {currency}. Fees are not converted between currencies.',
} as const satisfies Record<string, string>;

export const moneyHi: Record<keyof typeof moneyEn, string> = {
  'money.addMoney': 'पैसे जोड़ें',
  'money.addMoneyLead':
    'जिस मुद्रा में आप भुगतान करेंगे, उसी में कार्ड से अपने वॉलेट में पैसे डालें। भुगतान सेवा की पुष्टि होते ही राशि जुड़ जाती है।',
  'money.amount': 'राशि',
  'money.currency': 'मुद्रा',
  'money.continue': 'भुगतान के लिए आगे बढ़ें',
  'money.payTopup': '{amount} जोड़ें',
  'money.via': 'आप {gateway} से सुरक्षित भुगतान करते हैं।',
  'money.waiting': 'भुगतान सेवा की पुष्टि का इंतज़ार है…',
  'money.added': 'आपके वॉलेट में {amount} जुड़ गए।',
  'money.pendingLong': 'भुगतान की पुष्टि अभी बाकी है। पुष्टि होते ही आपका बैलेंस अपने आप बदल जाएगा।',
  'money.another': 'और पैसे जोड़ें',
  'money.unavailable':
    'इस सर्वर पर {currency} में कार्ड भुगतान की सुविधा नहीं है, इसलिए वॉलेट में {currency} नहीं जोड़े जा सकते।',
  'money.err.empty': 'राशि लिखें।',
  'money.err.number': 'राशि अंकों में लिखें, जैसे 500 या 80.50।',
  'money.err.negative': 'राशि ऋणात्मक नहीं हो सकती।',
  'money.err.noDecimals': '{currency} में दशमलव नहीं होता: पूरी राशि लिखें।',
  'money.err.decimals': '{currency} में दशमलव के बाद ज़्यादा से ज़्यादा {n} अंक होते हैं।',
  'money.err.range': '{min} से {max} तक की राशि लिखें।',
  'money.otherCurrency': 'ये डॉक्टर {currency} में शुल्क लेते हैं',
  'money.otherCurrencyBody':
    'शुल्क {price} है। आपके वॉलेट में {balances} हैं, जिनसे {currency} का शुल्क नहीं चुकाया जा सकता: एक मुद्रा का पैसा दूसरी मुद्रा में नहीं बदला जाता।',
  'money.shortBody': 'शुल्क {price} है और आपके वॉलेट में {currency} में {balance} हैं।',
  'money.partial': '{currency} में उसमें {balance} हैं।',
  'money.howToPay': 'आप कार्ड से भुगतान कर सकते हैं, या पहले अपने वॉलेट में {currency} जोड़ सकते हैं।',
  'money.payByCard': 'कार्ड से {price} चुकाएँ',
  'money.topupIn': 'वॉलेट में {amount} जोड़ें',
  'money.cardChosen': 'समय आरक्षित होते ही आप कार्ड से {price} चुकाएँगे।',
  'money.topupDone': 'अब आपके वॉलेट में {balance} हैं: इनसे इस परामर्श का भुगतान हो जाएगा।',
  'money.unpayable':
    'इस सर्वर पर {currency} में कार्ड भुगतान की सुविधा नहीं है और आपके वॉलेट में इस शुल्क के लिए {currency} नहीं हैं, इसलिए यहाँ इस परामर्श का ऑनलाइन भुगतान नहीं हो सकता।',
  'money.topupTitle': 'अपने वॉलेट में {currency} जोड़ें',
  'money.profileNote':
    'शुल्क {currency} में है। आपके वॉलेट में {balances} हैं, जिनसे यह शुल्क नहीं चुकाया जा सकता: बुक करते समय कार्ड से चुकाएँ या वॉलेट में {currency} जोड़ें।',
  'money.feeCurrency': 'शुल्क की मुद्रा',
  'money.maxFeeIn': 'अधिकतम शुल्क ({currency})',
  'money.anyCurrency': 'कोई भी मुद्रा',
  'money.onlyIn': '{currency} में शुल्क लेने वाले डॉक्टर दिख रहे हैं। शुल्क एक मुद्रा से दूसरी में नहीं बदला जाता।',
};
