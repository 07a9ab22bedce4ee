import type { Messages } from './en.js';

export default {
  title: 'Cookieの設定について',
  intro:
    '当サイトは動作に必要なCookieを使用します。同意いただいた場合は、設定の保存、サイト利用状況の測定、パーソナライズ広告の表示にもCookieを使用します。選択されるまで任意のCookieは動作しません。',
  introOptOut:
    '当社とパートナーは、サイト利用状況の測定とパーソナライズ広告の表示にCookieを使用します。個人情報の販売・共有およびターゲティング広告は、いつでもオプトアウトできます。',
  refusalConsequence:
    '任意のCookieは拒否できます。サイトは引き続き利用できますが、チャット、動画、パーソナライズされたコンテンツが使えない場合があります。',
  howToDisable: 'ブラウザの設定でCookieをブロックまたは削除することもでき、ここでいつでも選択を変更できます。',
  recipients: '分析および広告のデータは「カスタマイズ」に記載の提供者に送信されます。',
  privacyPolicy: 'プライバシーに関する声明',
  acceptAll: 'すべて同意',
  rejectAll: 'すべて拒否',
  customize: 'カスタマイズ',
  saveChoices: '選択を保存',
  acknowledge: 'OK',
  close: '閉じる',
  preferencesTitle: 'Cookieの詳細設定',
  preferencesIntro: '使用を許可するCookieを選んでください。必要なCookieは常に有効です。選択はいつでも変更できます。',
  necessary: '必須',
  necessaryPurpose: 'セキュリティ、ネットワーク管理、アクセシビリティ。これがないとサイトは動作しません。',
  functional: '機能',
  functionalPurpose: '言語や設定を記憶し、チャットや動画を動作させます。',
  analytics: '分析',
  analyticsPurpose:
    'サイトの利用状況とキャンペーンの効果を測定します。ポータルをご利用の場合、サイトとポータルでの行動が統合されます。',
  advertising: '広告',
  advertisingPurpose: '広告パートナーと共にパーソナライズ広告を表示し、その効果を測定します。',
  alwaysOn: '常に有効',
  notForMinors: '未成年者には提供されません',
  services: 'サービス（{count}）',
  provider: '提供者',
  cookie: 'Cookie',
  duration: '保存期間',
  purpose: '目的',
  noCookies: '独自のCookieは設定しません。',
  privacyChoices: 'プライバシーの選択',
  privacyChoicesIntro:
    '個人情報の販売・共有およびターゲティング広告をオプトアウトできます。その場合、広告Cookieと広告パートナーを無効にします。',
  optOut: '個人情報を販売・共有しない／ターゲティング広告',
  gpcHonored: 'オプトアウト要求を尊重しました：ブラウザからGlobal Privacy Controlシグナルが送信されました。',
} satisfies Messages;
