import type { Category, Language } from '../../api/enums.js';

export interface DemoMacro {
  name: string;
  shortcut: string;
  category: Category | null;
  /** English always; Chinese always; Indonesian where the desk has a text (the rest fall back to English). */
  bodies: { en: string } & Partial<Record<Language, string>>;
}

/** The demo desk's canned responses: at least one per category, plus greetings and closings for any. */
export const DEMO_MACROS: readonly DemoMacro[] = [
  {
    name: 'Greeting',
    shortcut: 'hello',
    category: null,
    bodies: {
      en: 'Hi {{customer.name}}, this is {{agent.name}} from the support team. Thanks for reaching out, I am looking into this now.',
      zh: '{{customer.name}}您好，我是客服{{agent.name}}，感谢您的联系，我正在为您查询。',
      id: 'Halo {{customer.name}}, saya {{agent.name}} dari tim layanan pelanggan. Terima kasih sudah menghubungi kami, saya cek sekarang ya.',
    },
  },
  {
    name: 'Closing',
    shortcut: 'bye',
    category: null,
    bodies: {
      en: 'Is there anything else I can help you with, {{customer.name}}? If not, I will close this conversation. Have a good day!',
      zh: '{{customer.name}}，请问还有其他可以帮您的吗？如果没有，我将结束本次会话。祝您生活愉快！',
      id: 'Ada lagi yang bisa saya bantu, {{customer.name}}? Jika tidak, percakapan ini akan saya tutup. Semoga hari Anda menyenangkan!',
    },
  },
  {
    name: 'Payment failed: balance too low',
    shortcut: 'pay-balance',
    category: 'payment_failed',
    bodies: {
      en: 'Hi {{customer.name}}, payment {{transaction.id}} failed because the balance of wallet {{account.id}} was not enough at that moment. Nothing was deducted. Please top up and try again.',
      zh: '{{customer.name}}您好，交易 {{transaction.id}} 失败是因为当时钱包 {{account.id}} 的余额不足，没有扣款。请充值后重试。',
      id: 'Halo {{customer.name}}, pembayaran {{transaction.id}} gagal karena saldo dompet {{account.id}} tidak mencukupi saat itu. Tidak ada dana yang terpotong. Silakan isi saldo lalu coba lagi.',
    },
  },
  {
    name: 'Payment failed: network or maintenance',
    shortcut: 'pay-network',
    category: 'payment_failed',
    bodies: {
      en: 'Hi {{customer.name}}, payment {{transaction.id}} failed because of a network problem or scheduled maintenance on our side. If an amount was held, it returns to wallet {{account.id}} automatically within 1-3 business days. You can safely try again now.',
      zh: '{{customer.name}}您好，交易 {{transaction.id}} 因网络问题或系统维护而失败。如有冻结金额，将在1-3个工作日内自动退回钱包 {{account.id}}。您现在可以放心重试。',
      id: 'Halo {{customer.name}}, pembayaran {{transaction.id}} gagal karena gangguan jaringan atau pemeliharaan sistem. Jika ada dana yang tertahan, dana akan kembali otomatis ke dompet {{account.id}} dalam 1-3 hari kerja. Silakan coba lagi sekarang.',
    },
  },
  {
    name: 'Refund: review and arrival times',
    shortcut: 'refund-time',
    category: 'refund',
    bodies: {
      en: 'We have received the refund request for {{transaction.id}}. The review takes 1-3 business days; once it is approved, the money arrives in wallet {{account.id}} within 3-5 business days.',
      zh: '我们已收到交易 {{transaction.id}} 的退款申请。审核需要1-3个工作日，审核通过后，款项将在3-5个工作日内退回钱包 {{account.id}}。',
      id: 'Permintaan refund untuk {{transaction.id}} sudah kami terima. Proses peninjauan 1-3 hari kerja; setelah disetujui, dana masuk ke dompet {{account.id}} dalam 3-5 hari kerja.',
    },
  },
  {
    name: 'Refund: proof needed',
    shortcut: 'refund-proof',
    category: 'refund',
    bodies: {
      en: 'To review the refund for {{transaction.id}}, please send us a proof: a screenshot of the order, or the merchant\'s cancellation confirmation.',
      zh: '为了审核交易 {{transaction.id}} 的退款，请提供相关凭证：订单截图或商家的取消确认。',
      id: 'Untuk meninjau refund {{transaction.id}}, mohon kirimkan bukti: tangkapan layar pesanan atau konfirmasi pembatalan dari merchant.',
    },
  },
  {
    name: 'Security: wallet frozen',
    shortcut: 'sec-frozen',
    category: 'account_security',
    bodies: {
      en: 'For your safety we have frozen wallet {{account.id}}: no money can leave it until we have verified your identity. Never share OTP codes with anyone, including people who say they are from us.',
      zh: '为了您的资金安全，我们已冻结钱包 {{account.id}}，在核实您的身份之前，资金无法转出。请勿向任何人透露验证码，包括自称是我们工作人员的人。',
      id: 'Demi keamanan Anda, dompet {{account.id}} sudah kami bekukan: tidak ada dana yang bisa keluar sampai identitas Anda terverifikasi. Jangan pernah membagikan kode OTP kepada siapa pun, termasuk yang mengaku dari kami.',
    },
  },
  {
    name: 'Security: identity verification',
    shortcut: 'sec-verify',
    category: 'account_security',
    bodies: {
      en: 'Hi {{customer.name}}, to unfreeze your wallet we need to verify your identity. Please reply with a photo of your ID card and a selfie holding it; a supervisor will review it.',
      zh: '{{customer.name}}您好，解冻钱包前需要核实您的身份。请回复身份证照片以及手持身份证的自拍，主管审核后为您解冻。',
      id: 'Halo {{customer.name}}, untuk membuka blokir dompet kami perlu memverifikasi identitas Anda. Mohon kirim foto KTP dan swafoto sambil memegang KTP; supervisor kami akan meninjaunya.',
    },
  },
  {
    name: 'Login: new phone and 2FA',
    shortcut: 'login-2fa',
    category: 'login',
    bodies: {
      en: 'Hi {{customer.name}}, if you changed phones, tap "Cannot receive the code" on the login screen and verify with your ID card; the new phone then receives the 2FA codes.',
      zh: '{{customer.name}}您好，如果您换了手机，请在登录页面点击"收不到验证码"，用身份证完成验证后，新手机即可接收双重验证码。',
      id: 'Halo {{customer.name}}, jika Anda ganti HP, ketuk "Tidak menerima kode" di layar login lalu verifikasi dengan KTP; setelah itu kode 2FA dikirim ke HP baru.',
    },
  },
  {
    name: 'Login: password reset',
    shortcut: 'login-reset',
    category: 'login',
    bodies: {
      en: 'Please reset your password from the login screen ("Forgot password"), then close the app completely and open it again before you log in. A reset takes effect on every device.',
      zh: '请在登录页面点击"忘记密码"重置密码，然后彻底关闭应用再重新打开登录。重置后在所有设备上生效。',
      id: 'Silakan reset password dari layar login ("Lupa password"), lalu tutup aplikasi sepenuhnya dan buka kembali sebelum login. Reset berlaku di semua perangkat.',
    },
  },
  {
    name: 'Transfer still pending',
    shortcut: 'transfer-pending',
    category: 'transfer_delay',
    bodies: {
      en: 'Transfer {{transaction.id}} is still being processed by the receiving bank. Most transfers arrive within 1 business day; if it has not arrived after 2 business days, we will trace it with the bank for you.',
      zh: '转账 {{transaction.id}} 正在由收款银行处理中。大部分转账会在1个工作日内到账；如果2个工作日后仍未到账，我们会为您向银行查询。',
      id: 'Transfer {{transaction.id}} masih diproses oleh bank penerima. Sebagian besar transfer masuk dalam 1 hari kerja; jika belum masuk setelah 2 hari kerja, kami akan melacaknya ke bank.',
    },
  },
  {
    name: 'International: exchange rate',
    shortcut: 'intl-rate',
    category: 'international',
    bodies: {
      en: 'Payment {{transaction.id}} was converted at the exchange rate of the moment of payment, shown in the transaction details in the app. The rate is set by the card network, not by the merchant.',
      zh: '交易 {{transaction.id}} 按付款时的汇率换算，具体汇率可在应用的交易详情中查看。汇率由卡组织确定，而非商家。',
      id: 'Pembayaran {{transaction.id}} dikonversi dengan kurs pada saat pembayaran, yang tercantum di detail transaksi di aplikasi. Kurs ditentukan oleh jaringan kartu, bukan oleh merchant.',
    },
  },
  {
    name: 'International: payment declined',
    shortcut: 'intl-declined',
    category: 'international',
    bodies: {
      en: 'International payment {{transaction.id}} was declined by the overseas payment limit of wallet {{account.id}}. With full KYC you can raise the limit in Settings > Limits.',
      zh: '境外支付 {{transaction.id}} 因钱包 {{account.id}} 的境外支付限额被拒。完成高级实名认证后，可在"设置 > 限额"中提高限额。',
      id: 'Pembayaran internasional {{transaction.id}} ditolak karena batas pembayaran luar negeri dompet {{account.id}}. Dengan KYC penuh, batasnya bisa dinaikkan di Pengaturan > Limit.',
    },
  },
  {
    name: 'Complaint registered',
    shortcut: 'complaint-received',
    category: 'complaint',
    bodies: {
      en: 'Dear {{customer.name}}, we have registered your complaint under number {{complaint.number}}. A specialist will review it and reply within 7 days. Please quote this number in any follow-up.',
      zh: '尊敬的{{customer.name}}，您的投诉已登记，投诉编号为 {{complaint.number}}。专员将进行核查，并在7天内给您答复。后续沟通请提供此编号。',
      id: 'Yth. {{customer.name}}, keluhan Anda sudah kami catat dengan nomor {{complaint.number}}. Tim kami akan meninjaunya dan membalas dalam 7 hari. Mohon sebutkan nomor ini setiap menghubungi kami.',
    },
  },
  {
    name: 'Complaint: second review',
    shortcut: 'complaint-review',
    category: 'complaint',
    bodies: {
      en: 'Dear {{customer.name}}, your request for a second review of complaint {{complaint.number}} has been passed to a supervisor who was not involved in the first decision. We will reply within 7 days.',
      zh: '尊敬的{{customer.name}}，您对投诉 {{complaint.number}} 的复核申请已转交给未参与首次处理的主管，我们将在7天内给您答复。',
      id: 'Yth. {{customer.name}}, permohonan peninjauan ulang atas keluhan {{complaint.number}} sudah kami teruskan ke supervisor yang tidak terlibat dalam keputusan pertama. Kami akan membalas dalam 7 hari.',
    },
  },
  {
    name: 'KYC upgrade documents',
    shortcut: 'kyc-docs',
    category: 'other',
    bodies: {
      en: 'To upgrade to full KYC, open Profile > Verification and upload your ID card and a selfie. The check usually takes less than 24 hours.',
      zh: '升级高级实名认证：请在"我的 > 实名认证"中上传身份证和自拍照，审核通常在24小时内完成。',
      id: 'Untuk upgrade ke KYC penuh, buka Profil > Verifikasi lalu unggah KTP dan swafoto. Pemeriksaan biasanya selesai kurang dari 24 jam.',
    },
  },
  {
    name: 'Payment failed: recipient details',
    shortcut: 'pay-payee',
    category: 'payment_failed',
    bodies: {
      en: 'Hi {{customer.name}}, the payment did not go through because the recipient details (account number or merchant code) did not match an active account. Nothing was deducted. Please check the details with the recipient and pay again.',
      zh: '{{customer.name}}您好，这笔付款未成功，原因是收款方信息（账号或商户码）与有效账户不符，没有扣款。请与收款方核对信息后重新付款。',
      id: 'Halo {{customer.name}}, pembayaran tidak berhasil karena data penerima (nomor rekening atau kode merchant) tidak cocok dengan akun yang aktif. Tidak ada dana yang terpotong. Mohon cek kembali data penerima lalu bayar ulang.',
    },
  },
  {
    name: 'Payment failed: daily limit',
    shortcut: 'pay-limit',
    category: 'payment_failed',
    bodies: {
      en: 'Hi {{customer.name}}, the payment was stopped because it went over the daily spending limit of your wallet. The limit resets at midnight; with full KYC it is higher. You can see your limits in Settings > Limits.',
      zh: '{{customer.name}}您好，这笔付款超过了钱包的每日消费限额，因此被拦截。限额在每天零点重置，完成高级实名认证后限额更高。您可以在"设置 > 限额"中查看。',
      id: 'Halo {{customer.name}}, pembayaran dihentikan karena melebihi batas transaksi harian dompet Anda. Batas ini kembali normal pukul 00.00; dengan KYC penuh batasnya lebih tinggi. Lihat batas Anda di Pengaturan > Limit.',
    },
  },
  {
    name: 'Security: transactions you did not make',
    shortcut: 'sec-unknown',
    category: 'account_security',
    bodies: {
      en: 'Hi {{customer.name}}, thank you for telling us about transactions you do not recognise. We are securing your wallet now and opening an investigation; please change your PIN and password, and do not share any code you receive.',
      zh: '{{customer.name}}您好，感谢您告知我们有不认识的交易。我们正在保护您的钱包并立即展开调查；请修改支付密码和登录密码，不要透露收到的任何验证码。',
      id: 'Halo {{customer.name}}, terima kasih sudah melaporkan transaksi yang tidak Anda kenali. Kami sedang mengamankan dompet Anda dan memulai investigasi; mohon ganti PIN dan password, dan jangan berikan kode apa pun yang Anda terima.',
    },
  },
  {
    name: 'Login: account locked after wrong PIN',
    shortcut: 'login-locked',
    category: 'login',
    bodies: {
      en: 'Hi {{customer.name}}, after several wrong PIN attempts the app locks sign-in for 30 minutes to protect you. Wait until the lock ends, or choose "Forgot PIN" to set a new one with a code sent to your registered number.',
      zh: '{{customer.name}}您好，多次输错支付密码后，为保护您的安全，应用会暂停登录30分钟。请等待锁定结束，或点击"忘记密码"，通过发送到注册手机号的验证码设置新密码。',
      id: 'Halo {{customer.name}}, setelah beberapa kali salah memasukkan PIN, aplikasi mengunci akses masuk selama 30 menit demi keamanan. Tunggu hingga kunci berakhir, atau pilih "Lupa PIN" untuk membuat PIN baru dengan kode yang dikirim ke nomor terdaftar.',
    },
  },
  {
    name: 'Top-up not received',
    shortcut: 'topup-missing',
    category: 'transfer_delay',
    bodies: {
      en: 'Hi {{customer.name}}, top-ups from a bank usually reach the wallet within 10 minutes, but can take up to 1 business day when the bank is busy. If it is still missing after that, send us the bank receipt and we will chase it.',
      zh: '{{customer.name}}您好，银行充值通常在10分钟内到账，银行繁忙时最长可能需要1个工作日。如果超过时间仍未到账，请把银行回单发给我们，我们会帮您跟进。',
      id: 'Halo {{customer.name}}, isi saldo dari bank biasanya masuk ke dompet dalam 10 menit, tetapi bisa sampai 1 hari kerja saat bank sedang padat. Jika setelah itu belum masuk juga, kirimkan bukti dari bank dan kami akan menelusurinya.',
    },
  },
  {
    name: 'International: fees',
    shortcut: 'intl-fee',
    category: 'international',
    bodies: {
      en: 'Payments in a foreign currency carry a cross-border fee of 2% of the amount, shown before you confirm. Your bank or the overseas merchant may add their own charge, which we cannot see.',
      zh: '外币支付会收取金额2%的跨境手续费，确认支付前会显示。您的银行或境外商户可能另外收费，这部分我们无法查看。',
      id: 'Pembayaran dalam mata uang asing dikenakan biaya lintas negara sebesar 2% dari jumlahnya, yang ditampilkan sebelum Anda konfirmasi. Bank Anda atau merchant luar negeri bisa menambahkan biaya sendiri yang tidak terlihat oleh kami.',
    },
  },
  {
    name: 'KYC check not passed',
    shortcut: 'kyc-rejected',
    category: 'other',
    bodies: {
      en: 'Hi {{customer.name}}, the verification could not be approved, most often because the photo of the ID card is blurred, cut off or has glare, or the name does not match the registered one. Please take the photos again in good light and resubmit.',
      zh: '{{customer.name}}您好，实名认证未能通过，常见原因是证件照片模糊、不完整或反光，或姓名与注册信息不一致。请在光线充足处重新拍摄后再次提交。',
      id: 'Halo {{customer.name}}, verifikasi belum bisa disetujui, biasanya karena foto KTP buram, terpotong atau silau, atau nama tidak sama dengan data terdaftar. Silakan foto ulang di tempat yang terang lalu kirim kembali.',
    },
  },
];
