import type { Messages } from './en.js';

export default {
  title: 'Pilihan cookie Anda',
  intro:
    'Kami menggunakan cookie yang diperlukan agar situs ini berfungsi. Dengan persetujuan Anda, kami juga menggunakan cookie untuk mengingat pengaturan, mengukur penggunaan situs, dan menampilkan iklan yang dipersonalisasi. Tidak ada yang opsional berjalan sebelum Anda memilih.',
  introOptOut:
    'Kami dan mitra kami menggunakan cookie untuk mengukur penggunaan situs dan menampilkan iklan yang dipersonalisasi. Anda dapat menolak penjualan atau pembagian data pribadi Anda dan iklan bertarget kapan saja.',
  refusalConsequence:
    'Anda boleh menolak cookie opsional. Situs tetap berfungsi, tetapi obrolan, video, dan konten yang dipersonalisasi mungkin tidak tersedia.',
  howToDisable: 'Anda juga dapat memblokir atau menghapus cookie di pengaturan peramban, dan mengubah pilihan di sini kapan saja.',
  recipients: 'Data analitik dan iklan dikirim ke penyedia yang tercantum di Sesuaikan.',
  privacyPolicy: 'Pernyataan privasi',
  acceptAll: 'Terima semua',
  rejectAll: 'Tolak semua',
  customize: 'Sesuaikan',
  saveChoices: 'Simpan pilihan',
  acknowledge: 'OK',
  close: 'Tutup',
  preferencesTitle: 'Preferensi cookie',
  preferencesIntro: 'Pilih cookie yang boleh kami gunakan. Cookie yang diperlukan selalu aktif. Anda dapat mengubah pilihan kapan saja.',
  necessary: 'Diperlukan',
  necessaryPurpose: 'Keamanan, pengelolaan jaringan, dan aksesibilitas. Situs tidak dapat berfungsi tanpanya.',
  functional: 'Fungsional',
  functionalPurpose: 'Mengingat bahasa dan pengaturan Anda, serta menjalankan obrolan dan video.',
  analytics: 'Analitik',
  analyticsPurpose:
    'Mengukur penggunaan situs dan kinerja kampanye. Jika Anda menggunakan Portal, aktivitas Anda di situs dan Portal digabungkan.',
  advertising: 'Iklan',
  advertisingPurpose: 'Menampilkan iklan yang dipersonalisasi bersama mitra iklan kami dan mengukur hasilnya.',
  alwaysOn: 'Selalu aktif',
  notForMinors: 'Tidak ditawarkan kepada anak di bawah umur',
  services: 'Layanan ({count})',
  provider: 'Penyedia',
  cookie: 'Cookie',
  duration: 'Durasi',
  purpose: 'Tujuan',
  noCookies: 'Tidak menyetel cookie sendiri.',
  privacyChoices: 'Pilihan Privasi Anda',
  privacyChoicesIntro:
    'Anda dapat menolak penjualan atau pembagian data pribadi Anda dan iklan bertarget. Kami lalu menonaktifkan cookie dan mitra iklan.',
  optOut: 'Jangan jual atau bagikan data pribadi saya / iklan bertarget',
  gpcHonored: 'Permintaan penolakan dipatuhi: peramban Anda mengirim sinyal Global Privacy Control.',
} satisfies Messages;
