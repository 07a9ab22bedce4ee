/**
 * The few words the scanner needs in every language Assent ships: the banner's button names (to
 * click them as a visitor would), the widget's name and the category names (for the cookie
 * table), taken from the UI's own catalogues and the SDK's labels; and the scanner's own three
 * words, which the UI does not have.
 */
import { LANGUAGES, type Language } from '@assent/sdk';
import { CATALOGUES } from '@assent/banner-ui/internal';
import { LABELS as CORE_LABELS, parseLabels } from '@assent/sdk/internal';

export interface ScanLabels {
  acceptAll: string;
  rejectAll: string;
  customize: string;
  cookieSettings: string;
  necessary: string;
  functional: string;
  analytics: string;
  advertising: string;
  /** Duration of a cookie that ends with the browser session. */
  session: string;
  /** Category of a cookie no declaration or preset accounts for. */
  unclassified: string;
  /** Purpose of Assent's own consent cookie. */
  consentCookie: string;
}

/** The scanner's own words. */
const OWN: Record<Language, Pick<ScanLabels, 'session' | 'unclassified' | 'consentCookie'>> = {
  en: { session: 'Session', unclassified: 'Not classified yet', consentCookie: 'Stores your cookie choices.' },
  fr: { session: 'Session', unclassified: 'Non classé', consentCookie: 'Enregistre vos choix en matière de cookies.' },
  'fr-CA': { session: 'Session', unclassified: 'Non classé', consentCookie: 'Enregistre vos choix en matière de témoins.' },
  es: { session: 'Sesión', unclassified: 'Sin clasificar', consentCookie: 'Guarda sus preferencias de cookies.' },
  'pt-BR': { session: 'Sessão', unclassified: 'Não classificado', consentCookie: 'Armazena suas escolhas de cookies.' },
  de: { session: 'Sitzung', unclassified: 'Noch nicht eingeordnet', consentCookie: 'Speichert Ihre Cookie-Auswahl.' },
  it: { session: 'Sessione', unclassified: 'Non ancora classificato', consentCookie: 'Memorizza le tue scelte sui cookie.' },
  nl: { session: 'Sessie', unclassified: 'Nog niet ingedeeld', consentCookie: 'Slaat uw cookiekeuzes op.' },
  ja: { session: 'セッション', unclassified: '未分類', consentCookie: 'Cookieの選択内容を保存します。' },
  ko: { session: '세션', unclassified: '미분류', consentCookie: '쿠키 선택 사항을 저장합니다.' },
  vi: { session: 'Phiên', unclassified: 'Chưa phân loại', consentCookie: 'Lưu các lựa chọn cookie của bạn.' },
  th: { session: 'เซสชัน', unclassified: 'ยังไม่จัดประเภท', consentCookie: 'จัดเก็บตัวเลือกคุกกี้ของคุณ' },
  id: { session: 'Sesi', unclassified: 'Belum diklasifikasikan', consentCookie: 'Menyimpan pilihan cookie Anda.' },
  ms: { session: 'Sesi', unclassified: 'Belum dikelaskan', consentCookie: 'Menyimpan pilihan kuki anda.' },
  ar: { session: 'جلسة', unclassified: 'غير مصنّف', consentCookie: 'يحفظ اختياراتك بشأن ملفات تعريف الارتباط.' },
};

export const LABELS = Object.fromEntries(
  LANGUAGES.map((l) => {
    const m = CATALOGUES[l];
    const { acceptAll, rejectAll, customize, necessary, functional, analytics, advertising } = m;
    return [l, { acceptAll, rejectAll, customize, cookieSettings: parseLabels(CORE_LABELS[l]).cookieSettings, necessary, functional, analytics, advertising, ...OWN[l] }];
  }),
) as Record<Language, ScanLabels>;

/** Every shipped language's name for one control, plus the site's own overrides from `config.texts`. */
export function namesFor(key: 'acceptAll' | 'rejectAll' | 'customize' | 'cookieSettings', texts: Record<string, Record<string, string>> = {}): string[] {
  const names = new Set(LANGUAGES.map((l) => LABELS[l][key]));
  for (const overrides of Object.values(texts)) if (overrides[key]) names.add(overrides[key]!);
  return [...names];
}
