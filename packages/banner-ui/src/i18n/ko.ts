import type { Messages } from './en.js';

export default {
  title: '쿠키 선택',
  intro:
    '이 사이트는 운영에 필요한 쿠키를 사용합니다. 동의하시면 설정 기억, 사이트 이용 측정, 맞춤형 광고 표시를 위해서도 쿠키를 사용합니다. 선택하시기 전에는 선택 항목이 작동하지 않습니다.',
  introOptOut:
    '당사와 파트너는 사이트 이용 측정과 맞춤형 광고 표시를 위해 쿠키를 사용합니다. 개인정보의 판매·공유 및 타겟 광고는 언제든지 거부할 수 있습니다.',
  refusalConsequence:
    '선택 쿠키는 거부할 수 있습니다. 사이트는 계속 작동하지만 채팅, 동영상, 맞춤 콘텐츠를 이용하지 못할 수 있습니다.',
  howToDisable: '브라우저 설정에서 쿠키를 차단하거나 삭제할 수 있으며, 여기에서 언제든지 선택을 변경할 수 있습니다.',
  recipients: '분석 및 광고 데이터는 사용자 지정에 나열된 제공자에게 전송됩니다.',
  privacyPolicy: '개인정보 처리방침',
  acceptAll: '모두 동의',
  rejectAll: '모두 거부',
  customize: '사용자 지정',
  saveChoices: '선택 저장',
  acknowledge: '확인',
  close: '닫기',
  preferencesTitle: '쿠키 설정',
  preferencesIntro: '사용을 허용할 쿠키를 선택하세요. 필수 쿠키는 항상 켜져 있습니다. 선택은 언제든지 변경할 수 있습니다.',
  necessary: '필수',
  necessaryPurpose: '보안, 네트워크 관리, 접근성. 이 쿠키 없이는 사이트가 작동하지 않습니다.',
  functional: '기능',
  functionalPurpose: '언어와 설정을 기억하고 채팅과 동영상을 작동시킵니다.',
  analytics: '분석',
  analyticsPurpose:
    '사이트 이용 방식과 캠페인 성과를 측정합니다. 포털을 이용하시면 사이트와 포털 활동이 결합됩니다.',
  advertising: '광고',
  advertisingPurpose: '광고 파트너와 함께 맞춤형 광고를 표시하고 그 결과를 측정합니다.',
  alwaysOn: '항상 켜짐',
  notForMinors: '미성년자에게는 제공되지 않음',
  services: '서비스 ({count})',
  provider: '제공자',
  cookie: '쿠키',
  duration: '보존 기간',
  purpose: '목적',
  noCookies: '자체 쿠키를 설정하지 않습니다.',
  privacyChoices: '개인정보 선택',
  privacyChoicesIntro:
    '개인정보의 판매·공유 및 타겟 광고를 거부할 수 있습니다. 이 경우 광고 쿠키와 광고 파트너를 끕니다.',
  optOut: '내 개인정보 판매·공유 금지 / 타겟 광고',
  gpcHonored: '거부 요청이 반영되었습니다: 브라우저가 Global Privacy Control 신호를 보냈습니다.',
} satisfies Messages;
