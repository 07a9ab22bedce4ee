import type { Messages } from './en.js';

export default {
  title: 'Le tue scelte sui cookie',
  intro:
    'Usiamo cookie necessari al funzionamento del sito. Con il tuo consenso usiamo anche cookie per ricordare le tue impostazioni, misurare l’uso del sito e mostrare annunci personalizzati. Nulla di facoltativo viene eseguito prima della tua scelta.',
  introOptOut:
    'Noi e i nostri partner usiamo cookie per misurare l’uso del sito e mostrare annunci personalizzati. Puoi opporti in qualsiasi momento alla vendita o condivisione dei tuoi dati personali e alla pubblicità mirata.',
  refusalConsequence:
    'Puoi rifiutare i cookie facoltativi. Il sito continua a funzionare, ma chat, video e contenuti personalizzati potrebbero non essere disponibili.',
  howToDisable: 'Puoi anche bloccare o eliminare i cookie nelle impostazioni del browser e modificare qui le tue scelte in qualsiasi momento.',
  recipients: 'I dati di analisi e pubblicità vanno ai fornitori elencati in Personalizza.',
  privacyPolicy: 'Informativa sulla privacy',
  acceptAll: 'Accetta tutto',
  rejectAll: 'Rifiuta tutto',
  customize: 'Personalizza',
  saveChoices: 'Salva le scelte',
  acknowledge: 'OK',
  close: 'Chiudi',
  preferencesTitle: 'Preferenze cookie',
  preferencesIntro: 'Scegli quali cookie possiamo usare. I cookie necessari sono sempre attivi. Puoi modificare le tue scelte in qualsiasi momento.',
  necessary: 'Necessari',
  necessaryPurpose: 'Sicurezza, gestione della rete e accessibilità. Il sito non funziona senza.',
  functional: 'Funzionali',
  functionalPurpose: 'Ricordano la tua lingua e le tue impostazioni e fanno funzionare chat e video.',
  analytics: 'Analitici',
  analyticsPurpose:
    'Misurano l’uso del sito e il rendimento delle campagne. Se usi il Portale, la tua attività sul sito e sul Portale viene unita.',
  advertising: 'Pubblicitari',
  advertisingPurpose: 'Mostrano annunci personalizzati con i nostri partner pubblicitari e ne misurano i risultati.',
  alwaysOn: 'Sempre attivi',
  notForMinors: 'Non offerto ai minori',
  services: 'Servizi ({count})',
  provider: 'Fornitore',
  cookie: 'Cookie',
  duration: 'Durata',
  purpose: 'Finalità',
  noCookies: 'Non imposta cookie propri.',
  privacyChoices: 'Le tue scelte sulla privacy',
  privacyChoicesIntro:
    'Puoi opporti alla vendita o condivisione dei tuoi dati personali e alla pubblicità mirata. In tal caso disattiviamo i cookie e i partner pubblicitari.',
  optOut: 'Non vendere né condividere i miei dati personali / pubblicità mirata',
  gpcHonored: 'Richiesta di opposizione rispettata: il tuo browser ha inviato un segnale Global Privacy Control.',
} satisfies Messages;
