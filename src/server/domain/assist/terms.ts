/**
 * How texts become search terms, the same for what is indexed and what is asked: Chinese cut into
 * words by Intl.Segmenter (ICU's dictionary), with each word's characters paired too, so that 冻结 and
 * 被冻了 still share 冻; Latin words lower-cased, accents dropped, chat spellings of Indonesian and
 * English written out (udh → sudah, pls → please) and light suffixes taken off (-nya, -kan; -ing, -s).
 */

const zhWords = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN_RUN = /\p{Script=Han}+/u;
const WORD = /[\p{L}\p{N}]+/gu;
const PLACEHOLDER = /\{\{[^{}]*\}\}/g;

/** Chat spellings, abbreviations and a few synonyms, to the word the macros use. */
const SPELLINGS: Record<string, string> = {
  // Indonesian
  ga: 'tidak', gak: 'tidak', gk: 'tidak', nggak: 'tidak', enggak: 'tidak', tdk: 'tidak', ngga: 'tidak',
  udh: 'sudah', udah: 'sudah', sdh: 'sudah', dah: 'sudah', blm: 'belum', lg: 'lagi', jg: 'juga', msh: 'masih',
  sy: 'saya', aku: 'saya', gw: 'saya', gue: 'saya', gmn: 'bagaimana', gimana: 'bagaimana', knp: 'kenapa', kok: 'kenapa',
  brp: 'berapa', dr: 'dari', utk: 'untuk', krn: 'karena', karna: 'karena', trs: 'terus', tp: 'tapi', pdhl: 'padahal',
  skrg: 'sekarang', bgt: 'banget', yg: 'yang', dmn: 'mana', dimana: 'mana', kalo: 'kalau', bbrp: 'beberapa',
  duit: 'dana', uang: 'dana', tf: 'transfer', trf: 'transfer', rek: 'rekening', norek: 'rekening', hp: 'ponsel',
  topup: 'isi', isi: 'isi', komplain: 'keluhan', complain: 'keluhan', kata: 'kata', sandi: 'password', pw: 'password',
  kekunci: 'kunci', terkunci: 'kunci', dikunci: 'kunci', blokir: 'beku', diblokir: 'beku', dibekukan: 'beku', bekukan: 'beku', kebekuan: 'beku', dibobol: 'bobol',
  ss: 'tangkapan', screenshot: 'tangkapan', dateng: 'datang', nyangkut: 'tertahan', ketahan: 'tertahan', kepotong: 'potong', terpotong: 'potong', dipotong: 'potong',
  kurs: 'kurs', rate: 'kurs',
  // English
  u: 'you', ur: 'your', pls: 'please', plz: 'please', pwd: 'password', acct: 'account', acc: 'account', msg: 'message',
  bc: 'because', cuz: 'because', rn: 'now', smth: 'something', tho: 'though', didnt: 'not', dont: 'not', cant: 'not', wont: 'not', isnt: 'not', hasnt: 'not', havent: 'not', doesnt: 'not',
  paymnt: 'payment', pay: 'payment', paid: 'payment', funds: 'balance', money: 'balance',
  locked: 'lock', blocked: 'freeze', frozen: 'freeze', freeze: 'freeze', unfreeze: 'unfreeze', unlock: 'unfreeze',
  hacked: 'hack', stolen: 'stole',
};

/** Words so common in every question that they only add noise to a ranking. */
const STOP = new Set(
  'i my me you your the a an is are was were be been it its this that and or but so to of in on at for with as by do does did have has had will would can could there what which who im ive id ok yes no please help hi hello thanks thank just now really still again any some get got'
    .split(' ')
    .concat('saya anda kamu yang dan di ke dari untuk ini itu ada ya kenapa bagaimana mohon tolong dong min kak sih deh nih aja saja juga lagi sudah mau apa bisa karena tapi padahal terus sekarang banget'.split(' ')),
);

const ID_SUFFIX = /(nya|lah|kah|pun)$/;
const ID_VERB_SUFFIX = /(kan|an|i)$/;
const ASCII = /^[ -~]*$/;
const HAN = /\p{Script=Han}/u;

const spelled = (word: string) => (Object.hasOwn(SPELLINGS, word) ? SPELLINGS[word]! : word);

function latinTerm(raw: string): string | null {
  let word = (ASCII.test(raw) ? raw : raw.normalize('NFKD').replace(/\p{M}/gu, '')).toLowerCase();
  word = spelled(word);
  if (STOP.has(word)) return null;
  if (word.length > 5) word = word.replace(ID_SUFFIX, '');
  if (word.length > 6) word = word.replace(ID_VERB_SUFFIX, '');
  if (word.length > 5 && word.endsWith('ing')) word = word.slice(0, -3);
  else if (word.length > 4 && word.endsWith('ed')) word = word.slice(0, -2);
  else if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) word = word.slice(0, -1);
  word = spelled(word);
  return word.length > 1 || /\p{N}/u.test(word) ? word : null;
}

function hanTerms(word: string, out: string[]): void {
  out.push(word);
  // Pairs of characters inside a longer word, and single characters of a two-character word:
  // customers shorten and vary words (冻了, 冻结, 被冻), and a shared character is a shared meaning.
  const chars = [...word];
  if (chars.length > 2) for (let i = 0; i + 1 < chars.length; i += 1) out.push(chars[i]! + chars[i + 1]!);
  if (chars.length === 2) out.push(...chars);
}

/** The terms of a text, in order, with repeats (BM25 counts them). */
export function termsOf(text: string): string[] {
  const out: string[] = [];
  const plain = text.replace(PLACEHOLDER, ' ');
  if (HAN.test(plain)) {
    // One pass of ICU's word breaker over the whole text: it also cuts Latin words ("pin输错" → pin, 输错).
    for (const { segment, isWordLike } of zhWords.segment(plain)) {
      if (!isWordLike) continue;
      if (HAN_RUN.test(segment)) hanTerms(segment, out);
      else {
        const term = latinTerm(segment);
        if (term) out.push(term);
      }
    }
    return out;
  }
  for (const match of plain.matchAll(WORD)) {
    const term = latinTerm(match[0]);
    if (term) out.push(term);
  }
  return out;
}
