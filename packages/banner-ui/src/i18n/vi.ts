import type { Messages } from './en.js';

export default {
  title: 'Lựa chọn cookie của bạn',
  intro:
    'Chúng tôi dùng cookie cần thiết để trang web hoạt động. Khi bạn đồng ý, chúng tôi cũng dùng cookie để ghi nhớ cài đặt, đo lường cách trang được sử dụng và hiển thị quảng cáo cá nhân hóa. Không có gì tùy chọn chạy trước khi bạn chọn.',
  introOptOut:
    'Chúng tôi và đối tác dùng cookie để đo lường cách trang được sử dụng và hiển thị quảng cáo cá nhân hóa. Bạn có thể từ chối việc bán hoặc chia sẻ dữ liệu cá nhân và quảng cáo nhắm mục tiêu bất cứ lúc nào.',
  refusalConsequence:
    'Bạn có thể từ chối cookie tùy chọn. Trang vẫn hoạt động, nhưng trò chuyện, video và nội dung cá nhân hóa có thể không khả dụng.',
  howToDisable: 'Bạn cũng có thể chặn hoặc xóa cookie trong cài đặt trình duyệt và thay đổi lựa chọn tại đây bất cứ lúc nào.',
  recipients: 'Dữ liệu phân tích và quảng cáo được gửi đến các nhà cung cấp được liệt kê trong Tùy chỉnh.',
  privacyPolicy: 'Tuyên bố quyền riêng tư',
  acceptAll: 'Chấp nhận tất cả',
  rejectAll: 'Từ chối tất cả',
  customize: 'Tùy chỉnh',
  saveChoices: 'Lưu lựa chọn',
  acknowledge: 'OK',
  close: 'Đóng',
  preferencesTitle: 'Tùy chọn cookie',
  preferencesIntro: 'Chọn những cookie chúng tôi được phép dùng. Cookie cần thiết luôn bật. Bạn có thể thay đổi lựa chọn bất cứ lúc nào.',
  necessary: 'Cần thiết',
  necessaryPurpose: 'Bảo mật, quản lý mạng và trợ năng. Trang không thể hoạt động nếu thiếu chúng.',
  functional: 'Chức năng',
  functionalPurpose: 'Ghi nhớ ngôn ngữ và cài đặt của bạn, vận hành trò chuyện và video.',
  analytics: 'Phân tích',
  analyticsPurpose:
    'Đo lường cách trang được sử dụng và hiệu quả chiến dịch. Nếu bạn dùng Cổng thông tin, hoạt động trên trang và trên Cổng được kết hợp.',
  advertising: 'Quảng cáo',
  advertisingPurpose: 'Hiển thị quảng cáo cá nhân hóa cùng các đối tác quảng cáo và đo lường kết quả.',
  alwaysOn: 'Luôn bật',
  notForMinors: 'Không áp dụng cho trẻ vị thành niên',
  services: 'Dịch vụ ({count})',
  provider: 'Nhà cung cấp',
  cookie: 'Cookie',
  duration: 'Thời hạn',
  purpose: 'Mục đích',
  noCookies: 'Không đặt cookie riêng.',
  privacyChoices: 'Lựa chọn quyền riêng tư',
  privacyChoicesIntro:
    'Bạn có thể từ chối việc bán hoặc chia sẻ dữ liệu cá nhân và quảng cáo nhắm mục tiêu. Khi đó chúng tôi tắt cookie và đối tác quảng cáo.',
  optOut: 'Không bán hoặc chia sẻ dữ liệu cá nhân của tôi / quảng cáo nhắm mục tiêu',
  gpcHonored: 'Đã tôn trọng yêu cầu từ chối: trình duyệt của bạn đã gửi tín hiệu Global Privacy Control.',
} satisfies Messages;
