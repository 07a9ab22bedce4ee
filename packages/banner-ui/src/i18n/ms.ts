import type { Messages } from './en.js';

export default {
  title: 'Pilihan kuki anda',
  intro:
    'Kami menggunakan kuki yang perlu untuk menjalankan laman ini. Dengan persetujuan anda, kami juga menggunakan kuki untuk mengingati tetapan anda, mengukur penggunaan laman dan memaparkan iklan yang diperibadikan. Tiada yang pilihan dijalankan sebelum anda memilih.',
  introOptOut:
    'Kami dan rakan kongsi kami menggunakan kuki untuk mengukur penggunaan laman dan memaparkan iklan yang diperibadikan. Anda boleh menolak penjualan atau perkongsian data peribadi anda dan pengiklanan sasaran pada bila-bila masa.',
  refusalConsequence:
    'Anda boleh menolak kuki pilihan. Laman masih berfungsi, tetapi sembang, video dan kandungan yang diperibadikan mungkin tidak tersedia.',
  howToDisable: 'Anda juga boleh menyekat atau memadam kuki dalam tetapan pelayar, dan menukar pilihan di sini pada bila-bila masa.',
  recipients: 'Data analitik dan pengiklanan dihantar kepada pembekal yang disenaraikan di bawah Sesuaikan.',
  privacyPolicy: 'Pernyataan privasi',
  acceptAll: 'Terima semua',
  rejectAll: 'Tolak semua',
  customize: 'Sesuaikan',
  saveChoices: 'Simpan pilihan',
  acknowledge: 'OK',
  close: 'Tutup',
  preferencesTitle: 'Keutamaan kuki',
  preferencesIntro: 'Pilih kuki yang boleh kami gunakan. Kuki yang perlu sentiasa aktif. Anda boleh menukar pilihan pada bila-bila masa.',
  necessary: 'Perlu',
  necessaryPurpose: 'Keselamatan, pengurusan rangkaian dan kebolehcapaian. Laman tidak dapat berfungsi tanpanya.',
  functional: 'Fungsian',
  functionalPurpose: 'Mengingati bahasa dan tetapan anda, serta menjalankan sembang dan video.',
  analytics: 'Analitik',
  analyticsPurpose:
    'Mengukur penggunaan laman dan prestasi kempen. Jika anda menggunakan Portal, aktiviti anda di laman dan Portal digabungkan.',
  advertising: 'Pengiklanan',
  advertisingPurpose: 'Memaparkan iklan yang diperibadikan bersama rakan kongsi pengiklanan dan mengukur hasilnya.',
  alwaysOn: 'Sentiasa aktif',
  notForMinors: 'Tidak ditawarkan kepada kanak-kanak',
  services: 'Perkhidmatan ({count})',
  provider: 'Pembekal',
  cookie: 'Kuki',
  duration: 'Tempoh',
  purpose: 'Tujuan',
  noCookies: 'Tidak menetapkan kukinya sendiri.',
  privacyChoices: 'Pilihan Privasi Anda',
  privacyChoicesIntro:
    'Anda boleh menolak penjualan atau perkongsian data peribadi anda dan pengiklanan sasaran. Kami kemudian mematikan kuki dan rakan kongsi pengiklanan.',
  optOut: 'Jangan jual atau kongsi data peribadi saya / pengiklanan sasaran',
  gpcHonored: 'Permintaan penolakan dipatuhi: pelayar anda menghantar isyarat Global Privacy Control.',
} satisfies Messages;
