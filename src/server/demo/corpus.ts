import type { Category, Language } from '../../api/enums.js';

/** Demo text in the three languages customers write in, with the emoji they use. */

export const NAMES: Record<Language, { given: readonly string[]; family: readonly string[]; join: (given: string, family: string) => string }> = {
  zh: {
    family: ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗'],
    given: ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '欣怡', '子涵', '浩然', '梓萱', '宇轩', '晓燕'],
    join: (given, family) => family + given,
  },
  id: {
    given: ['Budi', 'Siti', 'Agus', 'Dewi', 'Rina', 'Andi', 'Putri', 'Wahyu', 'Fitri', 'Hendra', 'Indah', 'Rudi', 'Yuni', 'Bayu', 'Sari', 'Eko', 'Nur', 'Dian', 'Joko', 'Ayu', 'Rizky', 'Intan'],
    family: ['Santoso', 'Wijaya', 'Pratama', 'Saputra', 'Hidayat', 'Kusuma', 'Lestari', 'Setiawan', 'Nugroho', 'Siregar', 'Hutapea', 'Gunawan', 'Rahayu', 'Susanto'],
    join: (given, family) => `${given} ${family}`,
  },
  en: {
    given: ['Rachel', 'Daniel', 'Sarah', 'Michael', 'Priya', 'Aisha', 'David', 'Jessica', 'Kevin', 'Grace', 'Ryan', 'Hannah', 'Marcus', 'Chloe', 'Arjun', 'Nadia'],
    family: ['Lim', 'Ng', 'Koh', 'Chen', 'Nair', 'Rahman', 'Lee', 'Ong', 'Tan', 'Wong', 'Goh', 'Smith', 'Fernandez', 'Kaur'],
    join: (given, family) => `${given} ${family}`,
  },
};

export const MERCHANTS = [
  'Tokopedia', 'Shopee', 'GrabFood', 'Alfamart', 'Indomaret', '淘宝', '美团外卖', '滴滴出行', '京东',
  'Starbucks', 'Uniqlo', 'Pertamina', 'PLN Token', 'Traveloka', 'Netflix', 'Steam', 'Gojek', 'Bukalapak',
] as const;

export const PAYEES = ['Bank BCA ****1234', 'Bank Mandiri ****9876', '工商银行 ****5521', '招商银行 ****3308', 'Bank BRI ****4410', 'OVO 0812****771'] as const;

export const FOREIGN_MERCHANTS = [
  { name: 'Don Quijote Shibuya', currency: 'JPY' },
  { name: 'Amazon.com', currency: 'USD' },
  { name: 'Changi Airport DFS', currency: 'SGD' },
  { name: 'Apple Store Singapore', currency: 'SGD' },
  { name: 'Booking.com', currency: 'USD' },
  { name: 'Lawson Osaka', currency: 'JPY' },
] as const;

/** What a story needs to know about the transaction it points at. */
export interface StoryTransaction {
  type: string;
  status: string;
  failure_reason?: string | null;
  foreign_currency?: string | null;
}

interface Opening {
  subject: string;
  body: string;
  /**
   * What the transaction must show for the story to be true (beyond its category's kind): "the money
   * left my balance" points at a payment that is held, not one that failed and took nothing.
   */
  shows?: (t: StoryTransaction) => boolean;
}

/** The app said the payment failed, yet the money left the balance: a payment still held (pending). */
const HELD = (t: StoryTransaction) => t.type === 'payment' && t.status === 'pending';
/** "I have enough balance": a payment that failed for another reason. */
const FAILED_DESPITE_BALANCE = (t: StoryTransaction) => t.status === 'failed' && t.failure_reason !== 'insufficient_balance';
/** "Status says pending", "still processing": a transfer that has not arrived. */
const STILL_PENDING = (t: StoryTransaction) => t.status === 'pending';
const DECLINED = (t: StoryTransaction) => t.status === 'failed';
const WENT_THROUGH = (t: StoryTransaction) => t.status === 'succeeded';

/** What customers write first, by category; {merchant}, {amount} and {txn} are filled from their wallet. */
export const OPENINGS: Record<Category, Record<Language, readonly Opening[]>> = {
  payment_failed: {
    en: [
      { subject: 'Payment failed at {merchant}', body: 'Hi, I tried to pay {amount} at {merchant} and the app said the payment failed, but I think the money left my balance. Transaction {txn}. Can you check?', shows: HELD },
      { subject: 'Why does my payment keep failing?', body: 'My payment to {merchant} keeps failing 😞 I have enough balance. What is wrong? ({txn})', shows: FAILED_DESPITE_BALANCE },
    ],
    zh: [
      { subject: '在{merchant}付款失败', body: '你好，我在{merchant}付了{amount}，显示支付失败，但是余额好像被扣了。交易号 {txn}，请帮我查一下。', shows: HELD },
      { subject: '付款一直失败', body: '付款一直失败😭 余额是够的，到底怎么回事？交易 {txn}', shows: FAILED_DESPITE_BALANCE },
    ],
    id: [
      { subject: 'Pembayaran gagal di {merchant}', body: 'Halo, saya bayar {amount} di {merchant} tapi gagal, saldo saya sepertinya sudah terpotong. Nomor transaksi {txn}. Tolong dicek ya 🙏', shows: HELD },
      { subject: 'Kenapa pembayaran saya gagal terus?', body: 'Kenapa pembayaran saya ke {merchant} selalu gagal? Saldo cukup kok. ({txn})', shows: FAILED_DESPITE_BALANCE },
    ],
  },
  refund: {
    en: [
      { subject: 'Charged twice at {merchant}', body: 'I was charged twice for the same order at {merchant} ({amount}). I would like a refund for the duplicate. Transaction {txn}.' },
      { subject: 'Where is my refund?', body: 'The merchant says they cancelled my order ({txn}, {amount}) but I have not received the refund. It has been 4 days.' },
    ],
    zh: [
      { subject: '申请退款', body: '我在{merchant}被重复扣款了{amount}，请帮我退一笔。交易号 {txn}。' },
      { subject: '退款什么时候到账？', body: '商家说订单已经取消了（{txn}，{amount}），但是退款还没到账，已经等了四天了。' },
    ],
    id: [
      { subject: 'Minta refund', body: 'Saya kena tagih dua kali di {merchant} sebesar {amount}. Mohon dikembalikan satu. Transaksi {txn}.' },
      { subject: 'Refund belum masuk', body: 'Pesanan saya di {merchant} sudah dibatalkan ({txn}, {amount}) tapi refund belum masuk. Sudah 4 hari.' },
    ],
  },
  account_security: {
    en: [
      { subject: 'Someone is using my account', body: 'There are transactions I did not make! {amount} to {merchant}. Please freeze my wallet now!!! 🚨' },
      { subject: 'Unknown transaction {txn}', body: 'I got an OTP I did not request and then {amount} was gone. I did not do {txn}.' },
    ],
    zh: [
      { subject: '账户被盗', body: '我的账户有几笔不是我本人的交易！{merchant} {amount}，请马上冻结我的钱包！🚨' },
      { subject: '不明交易 {txn}', body: '收到了我没申请的验证码，然后{amount}就没了。{txn} 不是我操作的。' },
    ],
    id: [
      { subject: 'Akun saya dibobol', body: 'Ada transaksi yang bukan saya! {amount} ke {merchant}. Tolong blokir dompet saya sekarang!! 🚨' },
      { subject: 'Transaksi tidak dikenal {txn}', body: 'Saya dapat OTP yang tidak saya minta, lalu saldo {amount} hilang. Saya tidak melakukan {txn}.' },
    ],
  },
  login: {
    en: [
      { subject: "Can't log in after changing phone", body: "I changed my phone and now I can't receive the 2FA code. How do I log in?" },
      { subject: 'Password reset not working', body: 'The app says my password is wrong but I just reset it 🤔' },
    ],
    zh: [
      { subject: '无法登录', body: '我换了手机，收不到双重验证码，怎么登录？' },
      { subject: '重置密码后还是登录不了', body: '刚重置了密码还是提示密码错误🤔' },
    ],
    id: [
      { subject: 'Tidak bisa login', body: 'Saya ganti HP dan kode verifikasi 2FA tidak masuk. Bagaimana cara login?' },
      { subject: 'Reset password tidak berhasil', body: 'Aplikasi bilang password salah padahal baru saya reset 🤔' },
    ],
  },
  transfer_delay: {
    en: [
      { subject: 'Transfer not received', body: 'I sent {amount} to {merchant} yesterday and it still has not arrived. Status says pending. {txn}', shows: STILL_PENDING },
      { subject: 'Bank transfer stuck', body: 'Bank transfer {txn} ({amount}) still processing after 2 days?', shows: STILL_PENDING },
    ],
    zh: [
      { subject: '转账未到账', body: '我昨天给{merchant}转了{amount}，到现在还没到账，状态显示处理中。{txn}', shows: STILL_PENDING },
      { subject: '银行转账卡住了', body: '银行转账 {txn}（{amount}）两天了还在处理中？', shows: STILL_PENDING },
    ],
    id: [
      { subject: 'Transfer belum masuk', body: 'Saya transfer {amount} ke {merchant} kemarin tapi belum diterima. Statusnya masih pending. {txn}', shows: STILL_PENDING },
      { subject: 'Transfer bank tertahan', body: 'Transfer {txn} ({amount}) sudah 2 hari masih diproses?', shows: STILL_PENDING },
    ],
  },
  international: {
    en: [
      { subject: 'Exchange rate question', body: 'I paid {amount} at {merchant} overseas and the rate looks wrong. Which rate did you use? {txn}', shows: WENT_THROUGH },
      { subject: 'Card declined abroad 🇯🇵', body: 'My international payment at {merchant} was declined. I am travelling and need this fixed. {txn}', shows: DECLINED },
    ],
    zh: [
      { subject: '汇率问题', body: '我在{merchant}付了{amount}，汇率好像不对，你们用的是什么汇率？{txn}', shows: WENT_THROUGH },
      { subject: '境外支付被拒 🇯🇵', body: '在{merchant}的境外支付被拒了，我在旅行，请尽快处理。{txn}', shows: DECLINED },
    ],
    id: [
      { subject: 'Pertanyaan kurs', body: 'Saya bayar {amount} di {merchant} luar negeri dan kursnya aneh. Pakai kurs berapa? {txn}', shows: WENT_THROUGH },
      { subject: 'Pembayaran luar negeri ditolak 🇸🇬', body: 'Pembayaran internasional saya di {merchant} ditolak. Saya sedang di luar negeri. {txn}', shows: DECLINED },
    ],
  },
  complaint: {
    en: [
      { subject: 'Formal complaint', body: 'This is the third time I am writing and nobody answers. I want to file a formal complaint.' },
      { subject: 'Complaint about your agent', body: 'Your agent hung up on me. Unacceptable. 😡' },
    ],
    zh: [
      { subject: '正式投诉', body: '这是我第三次联系你们了，一直没人处理。我要正式投诉。' },
      { subject: '投诉客服态度', body: '客服态度太差了，我要投诉！😡' },
    ],
    id: [
      { subject: 'Komplain resmi', body: 'Ini sudah ketiga kalinya saya menghubungi dan tidak ada jawaban. Saya mau komplain resmi.' },
      { subject: 'Keluhan terhadap CS', body: 'CS kalian menutup telepon saya. Tidak bisa diterima. 😡' },
    ],
  },
  other: {
    en: [
      { subject: 'How do I upgrade my KYC?', body: 'What documents do I need to upgrade to full KYC?' },
      { subject: 'Change phone number', body: 'Can I change the phone number on my account?' },
    ],
    zh: [
      { subject: '如何升级实名认证？', body: '升级到高级实名认证需要什么材料？' },
      { subject: '修改手机号', body: '可以修改绑定的手机号吗？' },
    ],
    id: [
      { subject: 'Cara upgrade KYC?', body: 'Dokumen apa yang dibutuhkan untuk upgrade akun ke KYC penuh?' },
      { subject: 'Ganti nomor HP', body: 'Bisa ganti nomor HP di akun saya?' },
    ],
  },
};

export const AGENT_REPLIES: Record<Language, readonly string[]> = {
  en: [
    'Thanks for reaching out, {name}. I am checking this for you now.',
    'I can see transaction {txn}. Let me look into it and come back to you shortly.',
    'Sorry for the trouble, {name}. Could you confirm the last 4 digits of your registered phone number?',
  ],
  zh: ['{name}您好，感谢您的耐心，我正在为您查询。', '我看到了交易 {txn}，正在为您处理，请稍等。', '给您带来不便非常抱歉。请确认一下您绑定手机号的后四位。'],
  id: [
    'Halo {name}, terima kasih sudah menghubungi kami. Saya cek dulu ya.',
    'Saya lihat transaksi {txn}, sedang saya periksa. Mohon ditunggu sebentar.',
    'Mohon maaf atas ketidaknyamanannya, {name}. Boleh konfirmasi 4 digit terakhir nomor HP terdaftar?',
  ],
};

export const CUSTOMER_FOLLOW_UPS: Record<Language, readonly string[]> = {
  en: ['Any update?', 'Thank you! 👍', 'It is 1234.', 'Still waiting... this is urgent 😤', 'OK, I will wait.'],
  zh: ['有进展吗？', '谢谢！👍', '是1234。', '还在等……很急😤', '好的，我等一下。'],
  id: ['Ada kabar?', 'Terima kasih! 👍', 'Nomornya 1234.', 'Masih menunggu... ini mendesak 😤', 'Oke, saya tunggu.'],
};

export const INTERNAL_NOTES = [
  'Checked the ledger: {txn} shows {status}. Balance matches.',
  'Possible takeover: 3 logins from new devices within an hour. Consider freezing.',
  'Customer is a repeat contact this week; keep replies short and concrete.',
  'Merchant confirmed cancellation by email; refund can go ahead.',
  'Escalated to payments team, ticket PAY-4471.',
] as const;

export const TAGS = ['vip', 'repeat-contact', 'fraud-suspected', 'peak-hour', 'merchant-issue', 'kyc'] as const;

/** Whether every {placeholder} of the template has a value: a reply never says "transaction ," with the id missing. */
export function fillable(template: string, values: Record<string, string>): boolean {
  return [...template.matchAll(/\{(\w+)\}/g)].every((m) => Boolean(values[m[1]!]));
}

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** What demo customers write with a rating, by how happy they are (1–2, 3, 4–5). */
export const SURVEY_COMMENTS: Record<Language, Record<'low' | 'mid' | 'high', readonly string[]>> = {
  en: {
    low: ['Took far too long to get an answer.', 'Nobody explained where my money went 😠', 'I had to repeat myself three times.'],
    mid: ['Solved in the end, but slow.', 'OK.', 'The agent was nice, the app still confuses me.'],
    high: ['Fast and friendly, thank you! 🙏', 'Problem solved in minutes.', 'Great help, very clear.'],
  },
  zh: {
    low: ['等了太久才有人回复。', '没人告诉我钱去哪了😠', '同样的问题我说了三遍。'],
    mid: ['最后解决了，但是有点慢。', '还行。', '客服很好，App还是不太好用。'],
    high: ['又快又友好，谢谢！🙏', '几分钟就解决了。', '帮助很大，说得很清楚。'],
  },
  id: {
    low: ['Terlalu lama menunggu jawaban.', 'Tidak ada yang menjelaskan ke mana uang saya 😠', 'Saya harus mengulang tiga kali.'],
    mid: ['Akhirnya beres, tapi lambat.', 'Oke.', 'Agennya ramah, aplikasinya masih membingungkan.'],
    high: ['Cepat dan ramah, terima kasih! 🙏', 'Masalah selesai dalam beberapa menit.', 'Sangat membantu, jelas sekali.'],
  },
};

/** Suggestions demo customers leave now and then, by topic. */
export const SUGGESTIONS: Record<Language, readonly { topic: 'app' | 'payments' | 'fees' | 'support'; text: string }[]> = {
  en: [
    { topic: 'app', text: 'Please add a dark mode.' },
    { topic: 'fees', text: 'Transfer fees to other banks are too high.' },
    { topic: 'support', text: 'A phone number to call would help.' },
  ],
  zh: [
    { topic: 'app', text: '希望增加夜间模式。' },
    { topic: 'payments', text: '希望支持更多商户扫码付款。' },
    { topic: 'fees', text: '跨行转账手续费太高了。' },
  ],
  id: [
    { topic: 'app', text: 'Tolong tambahkan mode gelap.' },
    { topic: 'payments', text: 'Tambahkan pembayaran QRIS di lebih banyak toko.' },
    { topic: 'support', text: 'Sediakan nomor telepon yang bisa dihubungi.' },
  ],
};
