/**
 * The few words the scanner needs in every language Assent ships: the banner's button names (to
 * click them as a visitor would) and the category names (for the cookie table). The first eight
 * are the UI's own texts (`packages/banner-ui/src/i18n`, and the widget's in
 * `packages/sdk/src/i18n/labels.ts`); `test/labels.test.ts` fails when either drifts from this copy.
 * `session`, `unclassified` and `consentCookie` are the scanner's own.
 */
import { LANGUAGES, type Language } from '@assent/sdk';

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

export const LABELS: Record<Language, ScanLabels> = {
  en: { acceptAll: 'Accept all', rejectAll: 'Reject all', customize: 'Customize', cookieSettings: 'Cookie settings', necessary: 'Necessary', functional: 'Functional', analytics: 'Analytics', advertising: 'Advertising',
    session: 'Session', unclassified: 'Not classified yet', consentCookie: 'Stores your cookie choices.' },
  fr: { acceptAll: 'Tout accepter', rejectAll: 'Tout refuser', customize: 'Personnaliser', cookieSettings: 'Paramètres des cookies', necessary: 'Nécessaires', functional: 'Fonctionnels', analytics: 'Analytiques', advertising: 'Publicitaires',
    session: 'Session', unclassified: 'Non classé', consentCookie: 'Enregistre vos choix en matière de cookies.' },
  'fr-CA': { acceptAll: 'Tout accepter', rejectAll: 'Tout refuser', customize: 'Personnaliser', cookieSettings: 'Paramètres des témoins', necessary: 'Nécessaires', functional: 'Fonctionnels', analytics: 'Analytiques', advertising: 'Publicitaires',
    session: 'Session', unclassified: 'Non classé', consentCookie: 'Enregistre vos choix en matière de témoins.' },
  es: { acceptAll: 'Aceptar todo', rejectAll: 'Rechazar todo', customize: 'Personalizar', cookieSettings: 'Configuración de cookies', necessary: 'Necesarias', functional: 'Funcionales', analytics: 'Analíticas', advertising: 'Publicitarias',
    session: 'Sesión', unclassified: 'Sin clasificar', consentCookie: 'Guarda sus preferencias de cookies.' },
  'pt-BR': { acceptAll: 'Aceitar todos', rejectAll: 'Rejeitar todos', customize: 'Personalizar', cookieSettings: 'Configurações de cookies', necessary: 'Necessários', functional: 'Funcionais', analytics: 'Analíticos', advertising: 'Publicidade',
    session: 'Sessão', unclassified: 'Não classificado', consentCookie: 'Armazena suas escolhas de cookies.' },
  de: { acceptAll: 'Alle akzeptieren', rejectAll: 'Alle ablehnen', customize: 'Anpassen', cookieSettings: 'Cookie-Einstellungen', necessary: 'Notwendig', functional: 'Funktional', analytics: 'Analyse', advertising: 'Werbung',
    session: 'Sitzung', unclassified: 'Noch nicht eingeordnet', consentCookie: 'Speichert Ihre Cookie-Auswahl.' },
  it: { acceptAll: 'Accetta tutto', rejectAll: 'Rifiuta tutto', customize: 'Personalizza', cookieSettings: 'Impostazioni cookie', necessary: 'Necessari', functional: 'Funzionali', analytics: 'Analitici', advertising: 'Pubblicitari',
    session: 'Sessione', unclassified: 'Non ancora classificato', consentCookie: 'Memorizza le tue scelte sui cookie.' },
  nl: { acceptAll: 'Alles accepteren', rejectAll: 'Alles weigeren', customize: 'Aanpassen', cookieSettings: 'Cookie-instellingen', necessary: 'Noodzakelijk', functional: 'Functioneel', analytics: 'Analytisch', advertising: 'Advertenties',
    session: 'Sessie', unclassified: 'Nog niet ingedeeld', consentCookie: 'Slaat uw cookiekeuzes op.' },
  ja: { acceptAll: 'すべて同意', rejectAll: 'すべて拒否', customize: 'カスタマイズ', cookieSettings: 'Cookie設定', necessary: '必須', functional: '機能', analytics: '分析', advertising: '広告',
    session: 'セッション', unclassified: '未分類', consentCookie: 'Cookieの選択内容を保存します。' },
  ko: { acceptAll: '모두 동의', rejectAll: '모두 거부', customize: '사용자 지정', cookieSettings: '쿠키 설정', necessary: '필수', functional: '기능', analytics: '분석', advertising: '광고',
    session: '세션', unclassified: '미분류', consentCookie: '쿠키 선택 사항을 저장합니다.' },
  vi: { acceptAll: 'Chấp nhận tất cả', rejectAll: 'Từ chối tất cả', customize: 'Tùy chỉnh', cookieSettings: 'Cài đặt cookie', necessary: 'Cần thiết', functional: 'Chức năng', analytics: 'Phân tích', advertising: 'Quảng cáo',
    session: 'Phiên', unclassified: 'Chưa phân loại', consentCookie: 'Lưu các lựa chọn cookie của bạn.' },
  th: { acceptAll: 'ยอมรับทั้งหมด', rejectAll: 'ปฏิเสธทั้งหมด', customize: 'ปรับแต่ง', cookieSettings: 'การตั้งค่าคุกกี้', necessary: 'จำเป็น', functional: 'เพื่อการใช้งาน', analytics: 'เพื่อการวิเคราะห์', advertising: 'เพื่อการโฆษณา',
    session: 'เซสชัน', unclassified: 'ยังไม่จัดประเภท', consentCookie: 'จัดเก็บตัวเลือกคุกกี้ของคุณ' },
  id: { acceptAll: 'Terima semua', rejectAll: 'Tolak semua', customize: 'Sesuaikan', cookieSettings: 'Pengaturan cookie', necessary: 'Diperlukan', functional: 'Fungsional', analytics: 'Analitik', advertising: 'Iklan',
    session: 'Sesi', unclassified: 'Belum diklasifikasikan', consentCookie: 'Menyimpan pilihan cookie Anda.' },
  ms: { acceptAll: 'Terima semua', rejectAll: 'Tolak semua', customize: 'Sesuaikan', cookieSettings: 'Tetapan kuki', necessary: 'Perlu', functional: 'Fungsian', analytics: 'Analitik', advertising: 'Pengiklanan',
    session: 'Sesi', unclassified: 'Belum dikelaskan', consentCookie: 'Menyimpan pilihan kuki anda.' },
  ar: { acceptAll: 'قبول الكل', rejectAll: 'رفض الكل', customize: 'تخصيص', cookieSettings: 'إعدادات ملفات تعريف الارتباط', necessary: 'ضرورية', functional: 'وظيفية', analytics: 'تحليلية', advertising: 'إعلانية',
    session: 'جلسة', unclassified: 'غير مصنّف', consentCookie: 'يحفظ اختياراتك بشأن ملفات تعريف الارتباط.' },
};

/** Every shipped language's name for one control, plus the site's own overrides from `config.texts`. */
export function namesFor(key: 'acceptAll' | 'rejectAll' | 'customize' | 'cookieSettings', texts: Record<string, Record<string, string>> = {}): string[] {
  const names = new Set(LANGUAGES.map((l) => LABELS[l][key]));
  for (const overrides of Object.values(texts)) if (overrides[key]) names.add(overrides[key]!);
  return [...names];
}
