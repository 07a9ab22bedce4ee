import type { Messages } from './en.js';

export default {
  title: 'Sus opciones de cookies',
  intro:
    'Usamos cookies necesarias para que el sitio funcione. Con su consentimiento también usamos cookies para recordar sus ajustes, medir cómo se usa el sitio y mostrar anuncios personalizados. Nada opcional se ejecuta hasta que usted elija.',
  introOptOut:
    'Nosotros y nuestros socios usamos cookies para medir cómo se usa el sitio y mostrar anuncios personalizados. Puede oponerse en cualquier momento a la venta o el intercambio de sus datos personales y a la publicidad dirigida.',
  refusalConsequence:
    'Puede rechazar las cookies opcionales. El sitio sigue funcionando, pero el chat, los vídeos y el contenido personalizado pueden no estar disponibles.',
  howToDisable: 'También puede bloquear o borrar las cookies en la configuración de su navegador y cambiar sus opciones aquí en cualquier momento.',
  recipients: 'Los datos de análisis y publicidad se envían a los proveedores indicados en Personalizar.',
  privacyPolicy: 'Declaración de privacidad',
  acceptAll: 'Aceptar todo',
  rejectAll: 'Rechazar todo',
  customize: 'Personalizar',
  saveChoices: 'Guardar opciones',
  acknowledge: 'Aceptar',
  close: 'Cerrar',
  preferencesTitle: 'Preferencias de cookies',
  preferencesIntro: 'Elija qué cookies podemos usar. Las cookies necesarias siempre están activas. Puede cambiar sus opciones en cualquier momento.',
  necessary: 'Necesarias',
  necessaryPurpose: 'Seguridad, gestión de la red y accesibilidad. El sitio no funciona sin ellas.',
  functional: 'Funcionales',
  functionalPurpose: 'Recuerdan su idioma y ajustes, y hacen funcionar el chat y los vídeos.',
  analytics: 'Analíticas',
  analyticsPurpose:
    'Miden cómo se usa el sitio y el rendimiento de las campañas. Si usa el Portal, su actividad en el sitio y en el Portal se combina.',
  advertising: 'Publicitarias',
  advertisingPurpose: 'Muestran anuncios personalizados con nuestros socios publicitarios y miden sus resultados.',
  alwaysOn: 'Siempre activas',
  notForMinors: 'No disponible para menores',
  services: 'Servicios ({count})',
  provider: 'Proveedor',
  cookie: 'Cookie',
  duration: 'Duración',
  purpose: 'Finalidad',
  noCookies: 'No instala cookies propias.',
  privacyChoices: 'Sus opciones de privacidad',
  privacyChoicesIntro:
    'Puede oponerse a la venta o el intercambio de sus datos personales y a la publicidad dirigida. Entonces desactivamos las cookies y los socios publicitarios.',
  optOut: 'No vender ni compartir mis datos personales / publicidad dirigida',
  gpcHonored: 'Solicitud de exclusión respetada: su navegador envió una señal Global Privacy Control.',
} satisfies Messages;
