import type { Messages } from './en.js';

export default {
  title: 'Vos choix en matière de témoins',
  intro:
    'Nous utilisons des témoins (cookies) nécessaires au fonctionnement du site. Avec votre consentement, nous utilisons aussi des témoins pour mémoriser vos réglages, mesurer l’utilisation du site et afficher des publicités personnalisées. Aucun témoin optionnel n’est activé avant votre choix.',
  introOptOut:
    'Nos partenaires et nous utilisons des témoins pour mesurer l’utilisation du site et afficher des publicités personnalisées. Vous pouvez en tout temps refuser la vente ou le partage de vos renseignements personnels et la publicité ciblée.',
  refusalConsequence:
    'Vous pouvez refuser les témoins optionnels. Le site fonctionne toujours, mais le clavardage, les vidéos et les contenus personnalisés peuvent être indisponibles.',
  howToDisable: 'Vous pouvez aussi bloquer ou supprimer les témoins dans votre navigateur, et modifier vos choix ici en tout temps.',
  recipients: 'Les données d’analyse et de publicité sont transmises aux fournisseurs énumérés sous Personnaliser.',
  privacyPolicy: 'Politique de confidentialité',
  acceptAll: 'Tout accepter',
  rejectAll: 'Tout refuser',
  customize: 'Personnaliser',
  saveChoices: 'Enregistrer mes choix',
  acknowledge: 'OK',
  close: 'Fermer',
  preferencesTitle: 'Préférences de témoins',
  preferencesIntro: 'Choisissez les témoins que nous pouvons utiliser. Les témoins nécessaires sont toujours actifs. Vous pouvez modifier vos choix en tout temps.',
  necessary: 'Nécessaires',
  necessaryPurpose: 'Sécurité, gestion du réseau et accessibilité. Le site ne peut pas fonctionner sans eux.',
  functional: 'Fonctionnels',
  functionalPurpose: 'Mémorisent votre langue et vos réglages, et font fonctionner le clavardage et les vidéos.',
  analytics: 'Analytiques',
  analyticsPurpose:
    'Mesurent l’utilisation du site et l’efficacité des campagnes. Si vous utilisez le Portail, votre activité sur le site et sur le Portail est combinée.',
  advertising: 'Publicitaires',
  advertisingPurpose: 'Affichent des publicités personnalisées avec nos partenaires publicitaires et en mesurent les résultats.',
  alwaysOn: 'Toujours actifs',
  notForMinors: 'Non offert aux mineurs',
  services: 'Services ({count})',
  provider: 'Fournisseur',
  cookie: 'Témoin',
  duration: 'Durée',
  purpose: 'Fin',
  noCookies: 'Ne dépose aucun témoin propre.',
  privacyChoices: 'Vos choix de confidentialité',
  privacyChoicesIntro:
    'Vous pouvez refuser la vente ou le partage de vos renseignements personnels et la publicité ciblée. Nous désactivons alors les témoins et partenaires publicitaires.',
  optOut: 'Ne pas vendre ni partager mes renseignements personnels / publicité ciblée',
  gpcHonored: 'Demande de retrait respectée : votre navigateur a envoyé un signal Global Privacy Control.',
} satisfies Messages;
