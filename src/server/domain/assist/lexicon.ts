import type { Category, FailureReason, Priority } from '../../../api/enums.js';

/**
 * What customers say about each category, in the desk's three languages: the desk's knowledge of its
 * own categories, indexed beside the macros so that a message is placed even when no macro answers it.
 * Plain words, not sentences: they describe the category, they are not an answer to anyone.
 */
export const CATEGORY_WORDS: Record<Category, string> = {
  payment_failed:
    'payment failed declined rejected error insufficient balance not enough merchant recipient invalid limit daily held on hold pay shop cashier qr scan ' +
    'pembayaran bayar gagal ditolak error saldo kurang tidak cukup merchant penerima rekening tujuan limit harian batas tertahan kasir scan ' +
    '付款 支付 失败 被拒 拒绝 余额 不足 不够 商户 收款人 限额 额度 扫码 报错',
  refund:
    'refund money back return cancel cancelled order merchant approved proof screenshot days status never arrived item ' +
    'refund pengembalian dana kembali batal dibatalkan pesanan barang merchant disetujui bukti hari status ' +
    '退款 退钱 退回 取消 订单 商家 卖家 凭证 截图 几天 进度 没收到',
  account_security:
    'hacked stolen unknown transactions not me fraud scam otp code called freeze frozen blocked locked unfreeze unlock id card selfie verify identity ' +
    'dibobol dicuri transaksi aneh bukan saya penipuan otp kode telpon beku bekukan blokir buka blokir ktp swafoto identitas hilang ' +
    '被盗 盗 不认识 不是我 诈骗 验证码 冻结 冻 解冻 锁 身份证 自拍 身份 转走',
  login:
    'login log in sign in password forgot reset pin wrong new phone 2fa sms code otp verification locked attempts tablet device ' +
    'login masuk password kata sandi lupa reset pin salah hp baru ponsel 2fa sms kode verifikasi terkunci ' +
    '登录 登不上 密码 忘记 重置 输错 新手机 换手机 短信 验证码 双重验证 锁定',
  transfer_delay:
    'transfer sent bank not arrived pending processing receiver top up topup virtual account debited wallet balance missing ' +
    'transfer kirim bank belum sampai masuk pending diproses penerima top up isi saldo virtual account rekening terpotong ' +
    '转账 转到 银行 到账 没到 处理中 收款 充值 虚拟账户 扣款',
  international:
    'international abroad overseas foreign currency exchange rate conversion usd yen dollar fee charge singapore declined ' +
    'internasional luar negeri mata uang asing kurs nilai tukar dolar yen biaya singapura ' +
    '境外 国外 海外 海淘 外币 汇率 换算 美元 日元 手续费 牌价',
  complaint:
    'complaint complain formal official unacceptable service review appeal decision disagree outcome number ' +
    'keluhan komplain resmi pelayanan kecewa tinjau ulang banding keputusan hasil nomor ' +
    '投诉 正式 服务 复核 申诉 结果 不同意 编号 不满意',
  other:
    'kyc verification verify upgrade documents passport id card upload rejected photo full account premium ' +
    'kyc verifikasi upgrade dokumen syarat paspor ktp unggah upload ditolak foto premium ' +
    '实名 认证 升级 证件 材料 护照 身份证 上传 照片 高级',
};

/** A recent failed transaction of the customer speaks for the category, and for the words of its cause. */
export const FAILURE_WORDS: Record<FailureReason, string> = {
  insufficient_balance: 'insufficient balance saldo tidak cukup 余额不足',
  wrong_payee: 'recipient invalid penerima rekening tujuan 收款人',
  network_error: 'network error jaringan gangguan 网络',
  maintenance: 'maintenance pemeliharaan 维护',
  limit_exceeded: 'limit batas harian 限额',
  account_frozen: 'frozen beku 冻结',
};

/**
 * Priority: money leaving against the customer's will is urgent; losing access or money in flight is
 * high; a question is normal, and a question about documents low. Words that raise it, per level.
 */
// Strings, not regex literals: the bundle stays one byte a character (assertOneByteSources in bin/build.js).
export const URGENT_WORDS = new RegExp("hack|stole|dibobol|bobol|dicuri|hilang|被盗|盗|转走|not me|bukan (saya|sy)|didn'?t make|never (bought|made)|fraud|scam|penipu|诈骗|不是我", 'i');
export const HIGH_WORDS = new RegExp('!!|urgent|asap|segera|cepat|急|马上|unacceptable|kecewa|太过分|wtf', 'i');

export const CATEGORY_PRIORITY: Record<Category, Priority> = {
  account_security: 'high',
  payment_failed: 'normal',
  refund: 'normal',
  transfer_delay: 'normal',
  international: 'normal',
  complaint: 'high',
  login: 'normal',
  other: 'low',
};
