/**
 * The core's own strings (footer widget, content placeholders) in every shipped language: the one
 * source of these texts. The npm build reads them here; the script tag's language files carry
 * each language's line (the build copies it), so the engine bundle carries none.
 * Each entry: cookie settings | privacy choices | load once | allow | the three categories.
 */
import type { Language } from './language.js';
import type { PlaceholderLabels } from '../gate/placeholder.js';

export const LABELS: Record<Language, string> = {
  en: 'Cookie settings|Your Privacy Choices|Load once|Allow {category} cookies|functional|analytics|advertising',
  fr: 'Paramètres des cookies|Vos choix de confidentialité|Charger une fois|Autoriser les cookies {category}|fonctionnels|analytiques|publicitaires',
  'fr-CA': 'Paramètres des témoins|Vos choix de confidentialité|Charger une fois|Autoriser les témoins {category}|fonctionnels|analytiques|publicitaires',
  es: 'Configuración de cookies|Sus opciones de privacidad|Cargar una vez|Permitir cookies {category}|funcionales|analíticas|publicitarias',
  'pt-BR': 'Configurações de cookies|Suas escolhas de privacidade|Carregar uma vez|Permitir cookies {category}|funcionais|analíticos|de publicidade',
  de: 'Cookie-Einstellungen|Ihre Datenschutzoptionen|Einmal laden|{category}-Cookies erlauben|Funktions|Analyse|Werbe',
  it: 'Impostazioni cookie|Le tue scelte sulla privacy|Carica una volta|Consenti i cookie {category}|funzionali|analitici|pubblicitari',
  nl: 'Cookie-instellingen|Uw privacykeuzes|Eenmalig laden|{category} cookies toestaan|functionele|analytische|advertentie',
  ja: 'Cookie設定|プライバシーの選択|1回だけ読み込む|{category} Cookieを許可|機能|分析|広告',
  ko: '쿠키 설정|개인정보 선택|한 번만 불러오기|{category} 쿠키 허용|기능|분석|광고',
  vi: 'Cài đặt cookie|Lựa chọn quyền riêng tư|Tải một lần|Cho phép cookie {category}|chức năng|phân tích|quảng cáo',
  th: 'การตั้งค่าคุกกี้|ตัวเลือกความเป็นส่วนตัว|โหลดครั้งเดียว|อนุญาตคุกกี้{category}|เพื่อการใช้งาน|เพื่อการวิเคราะห์|เพื่อการโฆษณา',
  id: 'Pengaturan cookie|Pilihan Privasi Anda|Muat sekali|Izinkan cookie {category}|fungsional|analitik|iklan',
  ms: 'Tetapan kuki|Pilihan Privasi Anda|Muat sekali|Benarkan kuki {category}|fungsian|analitik|pengiklanan',
  ar: 'إعدادات ملفات تعريف الارتباط|خيارات الخصوصية|تحميل مرة واحدة|السماح بملفات تعريف الارتباط {category}|الوظيفية|التحليلية|الإعلانية',
};

/** Labels of the widget and placeholders, with the site's text overrides applied. */
export interface EmbedLabels extends PlaceholderLabels {
  cookieSettings: string;
  privacyChoices: string;
}

/** One language's labels from its line of {@link LABELS}, with the site's text overrides applied. */
export function parseLabels(line: string, overrides: Record<string, string> = {}): EmbedLabels {
  const [cookieSettings, privacyChoices, loadOnce, allow, functional, analytics, advertising] =
    line.split('|') as [string, string, string, string, string, string, string];
  return {
    cookieSettings: overrides.cookieSettings ?? cookieSettings,
    privacyChoices: overrides.privacyChoices ?? privacyChoices,
    loadOnce: overrides.placeholderLoadOnce ?? loadOnce,
    allow: overrides.placeholderAllow ?? allow,
    categories: { functional, analytics, advertising },
  };
}

/** Labels of the widget and placeholders in a shipped language, with the site's overrides. */
export const embedLabels = (lang: Language, overrides?: Record<string, string>): EmbedLabels => parseLabels(LABELS[lang], overrides);
