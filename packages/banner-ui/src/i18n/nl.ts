import type { Messages } from './en.js';

export default {
  title: 'Uw cookiekeuzes',
  intro:
    'We gebruiken noodzakelijke cookies om deze site te laten werken. Met uw toestemming gebruiken we ook cookies om uw instellingen te onthouden, het gebruik van de site te meten en gepersonaliseerde advertenties te tonen. Niets optioneels draait voordat u kiest.',
  introOptOut:
    'Wij en onze partners gebruiken cookies om het gebruik van de site te meten en gepersonaliseerde advertenties te tonen. U kunt op elk moment bezwaar maken tegen de verkoop of het delen van uw persoonsgegevens en tegen gerichte advertenties.',
  refusalConsequence:
    'U mag optionele cookies weigeren. De site blijft werken, maar chat, video’s en gepersonaliseerde inhoud zijn dan mogelijk niet beschikbaar.',
  howToDisable: 'U kunt cookies ook blokkeren of verwijderen in uw browserinstellingen, en uw keuzes hier op elk moment wijzigen.',
  recipients: 'Analyse- en advertentiegegevens gaan naar de aanbieders onder Aanpassen.',
  privacyPolicy: 'Privacyverklaring',
  acceptAll: 'Alles accepteren',
  rejectAll: 'Alles weigeren',
  customize: 'Aanpassen',
  saveChoices: 'Keuzes opslaan',
  acknowledge: 'OK',
  close: 'Sluiten',
  preferencesTitle: 'Cookievoorkeuren',
  preferencesIntro: 'Kies welke cookies we mogen gebruiken. Noodzakelijke cookies staan altijd aan. U kunt uw keuzes op elk moment wijzigen.',
  necessary: 'Noodzakelijk',
  necessaryPurpose: 'Beveiliging, netwerkbeheer en toegankelijkheid. Zonder deze werkt de site niet.',
  functional: 'Functioneel',
  functionalPurpose: 'Onthouden uw taal en instellingen, en laten chat en video’s werken.',
  analytics: 'Analytisch',
  analyticsPurpose:
    'Meten hoe de site wordt gebruikt en hoe campagnes presteren. Als u het Portaal gebruikt, wordt uw activiteit op de site en in het Portaal samengevoegd.',
  advertising: 'Advertenties',
  advertisingPurpose: 'Tonen gepersonaliseerde advertenties met onze advertentiepartners en meten de resultaten.',
  alwaysOn: 'Altijd aan',
  notForMinors: 'Niet aangeboden aan minderjarigen',
  services: 'Diensten ({count})',
  provider: 'Aanbieder',
  cookie: 'Cookie',
  duration: 'Bewaartermijn',
  purpose: 'Doel',
  noCookies: 'Plaatst geen eigen cookies.',
  privacyChoices: 'Uw privacykeuzes',
  privacyChoicesIntro:
    'U kunt bezwaar maken tegen de verkoop of het delen van uw persoonsgegevens en tegen gerichte advertenties. We zetten dan advertentiecookies en -partners uit.',
  optOut: 'Mijn persoonsgegevens niet verkopen of delen / gerichte advertenties',
  gpcHonored: 'Bezwaar gehonoreerd: uw browser stuurde een Global Privacy Control-signaal.',
} satisfies Messages;
