import type { Messages } from './en.js';

export default {
  title: 'Vos choix en matière de cookies',
  intro:
    'Nous utilisons des cookies nécessaires au fonctionnement du site. Avec votre consentement, nous utilisons aussi des cookies pour mémoriser vos réglages, mesurer l’utilisation du site et afficher des publicités personnalisées. Rien d’optionnel ne s’exécute avant votre choix.',
  introOptOut:
    'Nos partenaires et nous utilisons des cookies pour mesurer l’utilisation du site et afficher des publicités personnalisées. Vous pouvez à tout moment refuser la vente ou le partage de vos données personnelles et la publicité ciblée.',
  refusalConsequence:
    'Vous pouvez refuser les cookies optionnels. Le site fonctionne toujours, mais le chat, les vidéos et les contenus personnalisés peuvent être indisponibles.',
  howToDisable: 'Vous pouvez aussi bloquer ou supprimer les cookies dans votre navigateur, et modifier vos choix ici à tout moment.',
  recipients: 'Les données d’analyse et de publicité sont transmises aux fournisseurs listés sous Personnaliser.',
  privacyPolicy: 'Déclaration de confidentialité',
  acceptAll: 'Tout accepter',
  rejectAll: 'Tout refuser',
  customize: 'Personnaliser',
  saveChoices: 'Enregistrer mes choix',
  acknowledge: 'OK',
  close: 'Fermer',
  preferencesTitle: 'Préférences de cookies',
  preferencesIntro: 'Choisissez les cookies que nous pouvons utiliser. Les cookies nécessaires sont toujours actifs. Vous pouvez modifier vos choix à tout moment.',
  necessary: 'Nécessaires',
  necessaryPurpose: 'Sécurité, gestion du réseau et accessibilité. Le site ne peut pas fonctionner sans eux.',
  functional: 'Fonctionnels',
  functionalPurpose: 'Mémorisent votre langue et vos réglages, et font fonctionner le chat et les vidéos.',
  analytics: 'Analytiques',
  analyticsPurpose:
    'Mesurent l’utilisation du site et l’efficacité des campagnes. Si vous utilisez le Portail, votre activité sur le site et sur le Portail est combinée.',
  advertising: 'Publicitaires',
  advertisingPurpose: 'Affichent des publicités personnalisées avec nos partenaires publicitaires et en mesurent les résultats.',
  alwaysOn: 'Toujours actifs',
  notForMinors: 'Non proposé aux mineurs',
  services: 'Services ({count})',
  provider: 'Fournisseur',
  cookie: 'Cookie',
  duration: 'Durée',
  purpose: 'Finalité',
  noCookies: 'Ne dépose aucun cookie propre.',
  privacyChoices: 'Vos choix de confidentialité',
  privacyChoicesIntro:
    'Vous pouvez refuser la vente ou le partage de vos données personnelles et la publicité ciblée. Nous désactivons alors les cookies et partenaires publicitaires.',
  optOut: 'Ne pas vendre ni partager mes données personnelles / publicité ciblée',
  gpcHonored: 'Demande de refus respectée : votre navigateur a envoyé un signal Global Privacy Control.',
} satisfies Messages;
