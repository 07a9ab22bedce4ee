import type { Messages } from './en.js';

export default {
  title: 'Suas escolhas de cookies',
  intro:
    'Usamos cookies necessários para o funcionamento do site. Com o seu consentimento, também usamos cookies para lembrar suas configurações, medir como o site é usado e exibir anúncios personalizados. Nada opcional é executado antes da sua escolha.',
  introOptOut:
    'Nós e nossos parceiros usamos cookies para medir como o site é usado e exibir anúncios personalizados. Você pode recusar a venda ou o compartilhamento dos seus dados pessoais e a publicidade direcionada a qualquer momento.',
  refusalConsequence:
    'Você pode recusar os cookies opcionais. O site continua funcionando, mas o chat, os vídeos e o conteúdo personalizado podem ficar indisponíveis.',
  howToDisable: 'Você também pode bloquear ou apagar cookies nas configurações do navegador e alterar suas escolhas aqui a qualquer momento.',
  recipients: 'Os dados de análise e publicidade são enviados aos fornecedores listados em Personalizar.',
  privacyPolicy: 'Declaração de privacidade',
  acceptAll: 'Aceitar todos',
  rejectAll: 'Rejeitar todos',
  customize: 'Personalizar',
  saveChoices: 'Salvar escolhas',
  acknowledge: 'OK',
  close: 'Fechar',
  preferencesTitle: 'Preferências de cookies',
  preferencesIntro: 'Escolha quais cookies podemos usar. Os cookies necessários estão sempre ativos. Você pode alterar suas escolhas a qualquer momento.',
  necessary: 'Necessários',
  necessaryPurpose: 'Segurança, gestão da rede e acessibilidade. O site não funciona sem eles.',
  functional: 'Funcionais',
  functionalPurpose: 'Lembram seu idioma e suas configurações, e fazem funcionar o chat e os vídeos.',
  analytics: 'Analíticos',
  analyticsPurpose:
    'Medem como o site é usado e o desempenho das campanhas. Se você usa o Portal, sua atividade no site e no Portal é combinada.',
  advertising: 'Publicidade',
  advertisingPurpose: 'Exibem anúncios personalizados com nossos parceiros de publicidade e medem seus resultados.',
  alwaysOn: 'Sempre ativos',
  notForMinors: 'Não oferecido a menores',
  services: 'Serviços ({count})',
  provider: 'Fornecedor',
  cookie: 'Cookie',
  duration: 'Duração',
  purpose: 'Finalidade',
  noCookies: 'Não define cookies próprios.',
  privacyChoices: 'Suas escolhas de privacidade',
  privacyChoicesIntro:
    'Você pode recusar a venda ou o compartilhamento dos seus dados pessoais e a publicidade direcionada. Nesse caso desativamos os cookies e parceiros de publicidade.',
  optOut: 'Não vender nem compartilhar meus dados pessoais / publicidade direcionada',
  gpcHonored: 'Pedido de exclusão respeitado: seu navegador enviou um sinal Global Privacy Control.',
} satisfies Messages;
