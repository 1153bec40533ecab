import type { Language } from '../../../api/enums.js';

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /\p{Script=Latin}+/gu;

/**
 * Words that give a language away even in a two-word message. Indonesian chat is full of
 * abbreviations (gmn, udh, blm), which no English message holds; English has its own small words.
 */
const MARKERS: Record<'en' | 'id', ReadonlySet<string>> = {
  id: new Set(
    'saya sy aku gw gue kamu anda kok ya yg dan di ke dari dr untuk utk buat tidak tdk ga gak gk nggak enggak sudah udah udh sdh belum blm bisa gmn gimana bagaimana kenapa knp kapan berapa brp mau minta tolong dong min kak pak bu sama tapi tp padahal pdhl lagi lg juga jg masih msh kalo kalau karena krn apa aja saja ini itu akun saldo uang duit dana bayar gagal dompet hari kerja kirim masuk ditolak terus trs skrg sekarang lewat pake pakai kena dimana mana'.split(' '),
  ),
  en: new Set(
    'i my me you your the a an is are was were it this that and or but why what when where how do does did not cant can dont didnt have has got get to from for of in on at with still money account payment wallet please pls help want need is there'.split(' '),
  ),
};

/**
 * The language a message is written in: Chinese when a good part of its letters are Han characters
 * (a Chinese message often carries Latin words such as "pin" or "app"), else Indonesian or English by
 * their marker words; `fallback` (the customer's language) when nothing tells.
 */
export function detectLanguage(text: string, fallback: Language = 'en'): Language {
  const han = text.match(HAN)?.length ?? 0;
  const latinWords = text.toLowerCase().match(LATIN_WORD) ?? [];
  const latinLetters = latinWords.reduce((sum, w) => sum + w.length, 0);
  if (han > 0 && han * 2 >= latinLetters * 0.5) return 'zh';
  let id = 0;
  let en = 0;
  for (const word of latinWords) {
    if (MARKERS.id.has(word)) id += 1;
    if (MARKERS.en.has(word)) en += 1;
  }
  if (id === en) return han > 0 ? 'zh' : fallback;
  return id > en ? 'id' : 'en';
}
