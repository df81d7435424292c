/// The places of Bắc Ninh (province code 24) that free-text places are parsed against.
///
/// Rows are `N|code|type|name` for the 99 commune-level units in force since 1 Jul 2025 (Decision 19/2025
/// codes, domain.md §3.2) and `O|new code|old type|old name|old district type|old district|old province`
/// for the 313 communes, wards and towns of old Bắc Giang (24) and old Bắc Ninh (27) before the merger,
/// including their former names, with the unit each was merged into (no old unit of these two provinces
/// was split). Source: the official old/new conversion table of danhmuchanhchinh.nso.gov.vn as bundled in
/// https://github.com/zindont/vietnam-address-kit (MIT; `src/data/official/current-wards.json`,
/// `legacy-wards.json`, `legacy-districts.json`, `mappings.json`), the dataset domain.md §3 cites.
enum BacNinhPlaces {
    static let rows = """
N|07210|ward|Bắc Giang
N|07228|ward|Đa Mai
N|07525|ward|Chũ
N|07612|ward|Phượng Sơn
N|07681|ward|Yên Dũng
N|07682|ward|Tân An
N|07696|ward|Tiền Phong
N|07699|ward|Tân Tiến
N|07738|ward|Cảnh Thụy
N|07774|ward|Tự Lạn
N|07777|ward|Việt Yên
N|07795|ward|Nếnh
N|07798|ward|Vân Hà
N|09169|ward|Vũ Ninh
N|09187|ward|Kinh Bắc
N|09190|ward|Võ Cường
N|09247|ward|Quế Võ
N|09253|ward|Nhân Hòa
N|09265|ward|Phương Liễu
N|09286|ward|Nam Sơn
N|09295|ward|Bồng Lai
N|09301|ward|Đào Viên
N|09325|ward|Hạp Lĩnh
N|09367|ward|Từ Sơn
N|09370|ward|Tam Sơn
N|09379|ward|Phù Khê
N|09385|ward|Đồng Nguyên
N|09400|ward|Thuận Thành
N|09409|ward|Mão Điền
N|09427|ward|Trí Quả
N|09430|ward|Trạm Lộ
N|09433|ward|Song Liễu
N|09445|ward|Ninh Xá
N|07246|commune|Xuân Lương
N|07264|commune|Tam Tiến
N|07282|commune|Đồng Kỳ
N|07288|commune|Yên Thế
N|07294|commune|Bố Hạ
N|07306|commune|Nhã Nam
N|07330|commune|Phúc Hòa
N|07333|commune|Quang Trung
N|07339|commune|Tân Yên
N|07351|commune|Ngọc Thiện
N|07375|commune|Lạng Giang
N|07381|commune|Tiên Lục
N|07399|commune|Kép
N|07420|commune|Mỹ Thái
N|07432|commune|Tân Dĩnh
N|07444|commune|Lục Nam
N|07450|commune|Đông Phú
N|07462|commune|Bảo Đài
N|07486|commune|Nghĩa Phương
N|07489|commune|Trường Sơn
N|07492|commune|Lục Sơn
N|07498|commune|Bắc Lũng
N|07519|commune|Cẩm Lý
N|07531|commune|Tân Sơn
N|07534|commune|Sa Lý
N|07537|commune|Biên Sơn
N|07543|commune|Sơn Hải
N|07552|commune|Kiên Lao
N|07573|commune|Biển Động
N|07582|commune|Lục Ngạn
N|07594|commune|Đèo Gia
N|07603|commune|Nam Dương
N|07615|commune|Sơn Động
N|07616|commune|Tây Yên Tử
N|07621|commune|Vân Sơn
N|07627|commune|Đại Sơn
N|07642|commune|Yên Định
N|07654|commune|An Lạc
N|07663|commune|Tuấn Đạo
N|07672|commune|Dương Hưu
N|07735|commune|Đồng Việt
N|07822|commune|Hoàng Vân
N|07840|commune|Hiệp Hòa
N|07864|commune|Hợp Thịnh
N|07870|commune|Xuân Cẩm
N|09193|commune|Yên Phong
N|09202|commune|Tam Giang
N|09205|commune|Yên Trung
N|09208|commune|Tam Đa
N|09238|commune|Văn Môn
N|09292|commune|Phù Lãng
N|09313|commune|Chi Lăng
N|09319|commune|Tiên Du
N|09334|commune|Liên Bão
N|09340|commune|Đại Đồng
N|09343|commune|Tân Chi
N|09349|commune|Phật Tích
N|09454|commune|Gia Bình
N|09466|commune|Cao Đức
N|09469|commune|Đại Lai
N|09475|commune|Nhân Thắng
N|09487|commune|Đông Cứu
N|09496|commune|Lương Tài
N|09499|commune|Trung Kênh
N|09523|commune|Trung Chính
N|09529|commune|Lâm Thao
O|07210|ward|Thọ Xương|city|Bắc Giang|Bắc Giang
O|07210|ward|Ngô Quyền|city|Bắc Giang|Bắc Giang
O|07210|ward|Trần Nguyên Hãn|city|Bắc Giang|Bắc Giang
O|07210|ward|Hoàng Văn Thụ|city|Bắc Giang|Bắc Giang
O|07210|ward|Trần Phú|city|Bắc Giang|Bắc Giang
O|07210|ward|Lê Lợi|city|Bắc Giang|Bắc Giang
O|07228|ward|Mỹ Độ|city|Bắc Giang|Bắc Giang
O|07228|ward|Song Mai|city|Bắc Giang|Bắc Giang
O|07210|ward|Xương Giang|city|Bắc Giang|Bắc Giang
O|07228|ward|Đa Mai|city|Bắc Giang|Bắc Giang
O|07210|ward|Dĩnh Kế|city|Bắc Giang|Bắc Giang
O|07246|commune|Đồng Tiến|district|Yên Thế|Bắc Giang
O|07246|commune|Canh Nậu|district|Yên Thế|Bắc Giang
O|07246|commune|Xuân Lương|district|Yên Thế|Bắc Giang
O|07264|commune|Tam Tiến|district|Yên Thế|Bắc Giang
O|07282|commune|Đồng Vương|district|Yên Thế|Bắc Giang
O|07282|commune|Đồng Hưu|district|Yên Thế|Bắc Giang
O|07288|commune|Đồng Tâm|district|Yên Thế|Bắc Giang
O|07288|commune|Tân Hiệp|district|Yên Thế|Bắc Giang
O|07288|commune|Tam Hiệp|district|Yên Thế|Bắc Giang
O|07264|commune|Tiến Thắng|district|Yên Thế|Bắc Giang
O|07288|commune|Đồng Lạc|district|Yên Thế|Bắc Giang
O|07294|commune|Đông Sơn|district|Yên Thế|Bắc Giang
O|07294|commune|Hương Vĩ|district|Yên Thế|Bắc Giang
O|07282|commune|Đồng Kỳ|district|Yên Thế|Bắc Giang
O|07282|commune|Hồng Kỳ|district|Yên Thế|Bắc Giang
O|07264|commune|An Thượng|district|Yên Thế|Bắc Giang
O|07288|town|Phồn Xương|district|Yên Thế|Bắc Giang
O|07288|commune|Tân Sỏi|district|Yên Thế|Bắc Giang
O|07294|town|Bố Hạ|district|Yên Thế|Bắc Giang
O|07306|town|Nhã Nam|district|Tân Yên|Bắc Giang
O|07306|commune|Tân Trung|district|Tân Yên|Bắc Giang
O|07333|commune|Quang Trung|district|Tân Yên|Bắc Giang
O|07333|commune|Lan Giới|district|Tân Yên|Bắc Giang
O|07333|commune|Đại Hóa|district|Tân Yên|Bắc Giang
O|07333|commune|Quang Tiến|district|Tân Yên|Bắc Giang
O|07306|commune|An Dương|district|Tân Yên|Bắc Giang
O|07330|commune|Phúc Hòa|district|Tân Yên|Bắc Giang
O|07306|commune|Liên Sơn|district|Tân Yên|Bắc Giang
O|07330|commune|Hợp Đức|district|Tân Yên|Bắc Giang
O|07333|commune|Lam Sơn|district|Tân Yên|Bắc Giang
O|07333|commune|Phúc Sơn|district|Tân Yên|Bắc Giang
O|07333|commune|Lam Cốt|district|Tân Yên|Bắc Giang
O|07339|commune|Cao Xá|district|Tân Yên|Bắc Giang
O|07339|town|Cao Thượng|district|Tân Yên|Bắc Giang
O|07351|commune|Việt Ngọc|district|Tân Yên|Bắc Giang
O|07351|commune|Song Vân|district|Tân Yên|Bắc Giang
O|07351|commune|Ngọc Châu|district|Tân Yên|Bắc Giang
O|07351|commune|Ngọc Vân|district|Tân Yên|Bắc Giang
O|07339|commune|Việt Lập|district|Tân Yên|Bắc Giang
O|07330|commune|Liên Chung|district|Tân Yên|Bắc Giang
O|07351|commune|Ngọc Thiện|district|Tân Yên|Bắc Giang
O|07339|commune|Ngọc Lý|district|Tân Yên|Bắc Giang
O|07228|commune|Quế Nham|district|Tân Yên|Bắc Giang
O|07375|town|Vôi|district|Lạng Giang|Bắc Giang
O|07381|commune|Nghĩa Hòa|district|Lạng Giang|Bắc Giang
O|07381|commune|Nghĩa Hưng|district|Lạng Giang|Bắc Giang
O|07399|commune|Quang Thịnh|district|Lạng Giang|Bắc Giang
O|07399|commune|Hương Sơn|district|Lạng Giang|Bắc Giang
O|07381|commune|Đào Mỹ|district|Lạng Giang|Bắc Giang
O|07381|commune|Tiên Lục|district|Lạng Giang|Bắc Giang
O|07381|commune|Mỹ Hà|district|Lạng Giang|Bắc Giang
O|07381|commune|An Hà|district|Lạng Giang|Bắc Giang
O|07399|town|Kép|district|Lạng Giang|Bắc Giang
O|07375|commune|Hương Lạc|district|Lạng Giang|Bắc Giang
O|07375|commune|Yên Mỹ|district|Lạng Giang|Bắc Giang
O|07420|commune|Dương Đức|district|Lạng Giang|Bắc Giang
O|07420|commune|Tân Thanh|district|Lạng Giang|Bắc Giang
O|07375|commune|Tân Hưng|district|Lạng Giang|Bắc Giang
O|07420|commune|Mỹ Thái|district|Lạng Giang|Bắc Giang
O|07375|commune|Xương Lâm|district|Lạng Giang|Bắc Giang
O|07420|commune|Xuân Hương|district|Lạng Giang|Bắc Giang
O|07432|commune|Tân Dĩnh|district|Lạng Giang|Bắc Giang
O|07432|commune|Đại Lâm|district|Lạng Giang|Bắc Giang
O|07432|commune|Thái Đào|district|Lạng Giang|Bắc Giang
O|07210|ward|Dĩnh Trì|city|Bắc Giang|Bắc Giang
O|07444|town|Đồi Ngô|district|Lục Nam|Bắc Giang
O|07450|commune|Đông Hưng|district|Lục Nam|Bắc Giang
O|07450|commune|Đông Phú|district|Lục Nam|Bắc Giang
O|07462|commune|Tam Dị|district|Lục Nam|Bắc Giang
O|07462|commune|Bảo Sơn|district|Lục Nam|Bắc Giang
O|07462|commune|Bảo Đài|district|Lục Nam|Bắc Giang
O|07462|commune|Thanh Lâm|district|Lục Nam|Bắc Giang
O|07444|commune|Tiên Nha|district|Lục Nam|Bắc Giang
O|07486|commune|Trường Giang|district|Lục Nam|Bắc Giang
O|07444|town|Phương Sơn|district|Lục Nam|Bắc Giang
O|07444|commune|Chu Điện|district|Lục Nam|Bắc Giang
O|07444|commune|Cương Sơn|district|Lục Nam|Bắc Giang
O|07486|commune|Nghĩa Phương|district|Lục Nam|Bắc Giang
O|07489|commune|Vô Tranh|district|Lục Nam|Bắc Giang
O|07492|commune|Bình Sơn|district|Lục Nam|Bắc Giang
O|07498|commune|Lan Mẫu|district|Lục Nam|Bắc Giang
O|07498|commune|Yên Sơn|district|Lục Nam|Bắc Giang
O|07498|commune|Khám Lạng|district|Lục Nam|Bắc Giang
O|07486|commune|Huyền Sơn|district|Lục Nam|Bắc Giang
O|07489|commune|Trường Sơn|district|Lục Nam|Bắc Giang
O|07492|commune|Lục Sơn|district|Lục Nam|Bắc Giang
O|07498|commune|Bắc Lũng|district|Lục Nam|Bắc Giang
O|07519|commune|Cẩm Lý|district|Lục Nam|Bắc Giang
O|07519|commune|Vũ Xá|district|Lục Nam|Bắc Giang
O|07519|commune|Đan Hội|district|Lục Nam|Bắc Giang
O|07525|ward|Chũ|town|Chũ|Bắc Giang
O|07531|commune|Cấm Sơn|district|Lục Ngạn|Bắc Giang
O|07531|commune|Tân Sơn|district|Lục Ngạn|Bắc Giang
O|07534|commune|Phong Minh|district|Lục Ngạn|Bắc Giang
O|07537|commune|Phong Vân|district|Lục Ngạn|Bắc Giang
O|07534|commune|Sa Lý|district|Lục Ngạn|Bắc Giang
O|07543|commune|Hộ Đáp|district|Lục Ngạn|Bắc Giang
O|07543|commune|Sơn Hải|district|Lục Ngạn|Bắc Giang
O|07525|ward|Thanh Hải|town|Chũ|Bắc Giang
O|07552|commune|Kiên Lao|town|Chũ|Bắc Giang
O|07537|commune|Biên Sơn|district|Lục Ngạn|Bắc Giang
O|07552|commune|Kiên Thành|town|Chũ|Bắc Giang
O|07525|ward|Hồng Giang|town|Chũ|Bắc Giang
O|07573|commune|Kim Sơn|district|Lục Ngạn|Bắc Giang
O|07582|commune|Tân Hoa|district|Lục Ngạn|Bắc Giang
O|07582|commune|Giáp Sơn|district|Lục Ngạn|Bắc Giang
O|07573|town|Biển Động|district|Lục Ngạn|Bắc Giang
O|07612|commune|Quý Sơn|town|Chũ|Bắc Giang
O|07525|ward|Trù Hựu|town|Chũ|Bắc Giang
O|07582|town|Phì Điền|district|Lục Ngạn|Bắc Giang
O|07582|commune|Tân Quang|district|Lục Ngạn|Bắc Giang
O|07582|commune|Đồng Cốc|district|Lục Ngạn|Bắc Giang
O|07594|commune|Tân Lập|district|Lục Ngạn|Bắc Giang
O|07573|commune|Phú Nhuận|district|Lục Ngạn|Bắc Giang
O|07612|commune|Mỹ An|town|Chũ|Bắc Giang
O|07603|commune|Nam Dương|town|Chũ|Bắc Giang
O|07603|commune|Tân Mộc|district|Lục Ngạn|Bắc Giang
O|07594|commune|Đèo Gia|district|Lục Ngạn|Bắc Giang
O|07612|ward|Phượng Sơn|town|Chũ|Bắc Giang
O|07615|town|An Châu|district|Sơn Động|Bắc Giang
O|07616|town|Tây Yên Tử|district|Sơn Động|Bắc Giang
O|07621|commune|Vân Sơn|district|Sơn Động|Bắc Giang
O|07621|commune|Hữu Sản|district|Sơn Động|Bắc Giang
O|07627|commune|Đại Sơn|district|Sơn Động|Bắc Giang
O|07627|commune|Phúc Sơn|district|Sơn Động|Bắc Giang
O|07627|commune|Giáo Liêm|district|Sơn Động|Bắc Giang
O|07642|commune|Cẩm Đàn|district|Sơn Động|Bắc Giang
O|07654|commune|An Lạc|district|Sơn Động|Bắc Giang
O|07615|commune|Vĩnh An|district|Sơn Động|Bắc Giang
O|07642|commune|Yên Định|district|Sơn Động|Bắc Giang
O|07654|commune|Lệ Viễn|district|Sơn Động|Bắc Giang
O|07615|commune|An Bá|district|Sơn Động|Bắc Giang
O|07663|commune|Tuấn Đạo|district|Sơn Động|Bắc Giang
O|07672|commune|Dương Hưu|district|Sơn Động|Bắc Giang
O|07672|commune|Long Sơn|district|Sơn Động|Bắc Giang
O|07616|commune|Thanh Luận|district|Sơn Động|Bắc Giang
O|07681|ward|Nham Biền|city|Bắc Giang|Bắc Giang
O|07682|ward|Tân An|city|Bắc Giang|Bắc Giang
O|07228|ward|Tân Mỹ|city|Bắc Giang|Bắc Giang
O|07699|ward|Hương Gián|city|Bắc Giang|Bắc Giang
O|07696|ward|Đồng Sơn|city|Bắc Giang|Bắc Giang
O|07699|ward|Tân Tiến|city|Bắc Giang|Bắc Giang
O|07682|commune|Quỳnh Sơn|city|Bắc Giang|Bắc Giang
O|07696|ward|Song Khê|city|Bắc Giang|Bắc Giang
O|07696|ward|Nội Hoàng|city|Bắc Giang|Bắc Giang
O|07696|ward|Tiền Phong|city|Bắc Giang|Bắc Giang
O|07699|commune|Xuân Phú|city|Bắc Giang|Bắc Giang
O|07681|ward|Tân Liễu|city|Bắc Giang|Bắc Giang
O|07682|commune|Trí Yên|city|Bắc Giang|Bắc Giang
O|07682|commune|Lãng Sơn|city|Bắc Giang|Bắc Giang
O|07681|commune|Yên Lư|city|Bắc Giang|Bắc Giang
O|07738|commune|Tiến Dũng|city|Bắc Giang|Bắc Giang
O|07735|commune|Đức Giang|city|Bắc Giang|Bắc Giang
O|07738|ward|Cảnh Thụy|city|Bắc Giang|Bắc Giang
O|07738|commune|Tư Mại|city|Bắc Giang|Bắc Giang
O|07735|commune|Đồng Việt|city|Bắc Giang|Bắc Giang
O|07735|commune|Đồng Phúc|city|Bắc Giang|Bắc Giang
O|07774|commune|Thượng Lan|town|Việt Yên|Bắc Giang
O|07774|commune|Việt Tiến|town|Việt Yên|Bắc Giang
O|07777|commune|Nghĩa Trung|town|Việt Yên|Bắc Giang
O|07777|commune|Minh Đức|town|Việt Yên|Bắc Giang
O|07774|commune|Hương Mai|town|Việt Yên|Bắc Giang
O|07774|ward|Tự Lạn|town|Việt Yên|Bắc Giang
O|07777|ward|Bích Động|town|Việt Yên|Bắc Giang
O|07798|commune|Trung Sơn|town|Việt Yên|Bắc Giang
O|07777|ward|Hồng Thái|town|Việt Yên|Bắc Giang
O|07798|commune|Tiên Sơn|town|Việt Yên|Bắc Giang
O|07795|ward|Tăng Tiến|town|Việt Yên|Bắc Giang
O|07798|ward|Quảng Minh|town|Việt Yên|Bắc Giang
O|07795|ward|Nếnh|town|Việt Yên|Bắc Giang
O|07798|ward|Ninh Sơn|town|Việt Yên|Bắc Giang
O|07795|ward|Vân Trung|town|Việt Yên|Bắc Giang
O|07798|commune|Vân Hà|town|Việt Yên|Bắc Giang
O|07795|ward|Quang Châu|town|Việt Yên|Bắc Giang
O|07822|commune|Đồng Tiến|district|Hiệp Hòa|Bắc Giang
O|07822|commune|Thanh Vân|district|Hiệp Hòa|Bắc Giang
O|07822|commune|Hoàng Vân|district|Hiệp Hòa|Bắc Giang
O|07822|commune|Hoàng An|district|Hiệp Hòa|Bắc Giang
O|07822|commune|Toàn Thắng|district|Hiệp Hòa|Bắc Giang
O|07822|commune|Hoàng Lương|district|Hiệp Hòa|Bắc Giang
O|07822|commune|Hoàng Thanh|district|Hiệp Hòa|Bắc Giang
O|07822|commune|Ngọc Sơn|district|Hiệp Hòa|Bắc Giang
O|07840|town|Thắng|district|Hiệp Hòa|Bắc Giang
O|07864|commune|Sơn Thịnh|district|Hiệp Hòa|Bắc Giang
O|07864|commune|Hòa Sơn|district|Hiệp Hòa|Bắc Giang
O|07864|commune|Quang Minh|district|Hiệp Hòa|Bắc Giang
O|07864|commune|Đại Thành|district|Hiệp Hòa|Bắc Giang
O|07840|commune|Lương Phong|district|Hiệp Hòa|Bắc Giang
O|07864|commune|Hùng Thái|district|Hiệp Hòa|Bắc Giang
O|07864|commune|Thái Sơn|district|Hiệp Hòa|Bắc Giang
O|07864|commune|Hùng Sơn|district|Hiệp Hòa|Bắc Giang
O|07864|commune|Thường Thắng|district|Hiệp Hòa|Bắc Giang
O|07864|commune|Hợp Thịnh|district|Hiệp Hòa|Bắc Giang
O|07840|commune|Danh Thắng|district|Hiệp Hòa|Bắc Giang
O|07864|commune|Mai Trung|district|Hiệp Hòa|Bắc Giang
O|07840|commune|Đoan Bái|district|Hiệp Hòa|Bắc Giang
O|07870|town|Bắc Lý|district|Hiệp Hòa|Bắc Giang
O|07870|commune|Xuân Cẩm|district|Hiệp Hòa|Bắc Giang
O|07870|commune|Hương Lâm|district|Hiệp Hòa|Bắc Giang
O|07840|commune|Đông Lỗ|district|Hiệp Hòa|Bắc Giang
O|07870|commune|Châu Minh|district|Hiệp Hòa|Bắc Giang
O|07870|commune|Mai Đình|district|Hiệp Hòa|Bắc Giang
O|09169|ward|Vũ Ninh|city|Bắc Ninh|Bắc Ninh
O|09169|ward|Đáp Cầu|city|Bắc Ninh|Bắc Ninh
O|09169|ward|Thị Cầu|city|Bắc Ninh|Bắc Ninh
O|09187|ward|Kinh Bắc|city|Bắc Ninh|Bắc Ninh
O|09190|ward|Đại Phúc|city|Bắc Ninh|Bắc Ninh
O|09187|ward|Tiền Ninh Vệ|city|Bắc Ninh|Bắc Ninh
O|09187|ward|Vệ An|city|Bắc Ninh|Bắc Ninh
O|09187|ward|Tiền An|city|Bắc Ninh|Bắc Ninh
O|09187|ward|Ninh Xá|city|Bắc Ninh|Bắc Ninh
O|09187|ward|Suối Hoa|city|Bắc Ninh|Bắc Ninh
O|09190|ward|Võ Cường|city|Bắc Ninh|Bắc Ninh
O|09193|town|Chờ|district|Yên Phong|Bắc Ninh
O|09205|commune|Dũng Liệt|district|Yên Phong|Bắc Ninh
O|09208|commune|Tam Đa|district|Yên Phong|Bắc Ninh
O|09202|commune|Tam Giang|district|Yên Phong|Bắc Ninh
O|09205|commune|Yên Trung|district|Yên Phong|Bắc Ninh
O|09208|commune|Thụy Hòa|district|Yên Phong|Bắc Ninh
O|09202|commune|Hòa Tiến|district|Yên Phong|Bắc Ninh
O|09187|ward|Hòa Long|city|Bắc Ninh|Bắc Ninh
O|09193|commune|Đông Tiến|district|Yên Phong|Bắc Ninh
O|09238|commune|Yên Phụ|district|Yên Phong|Bắc Ninh
O|09193|commune|Trung Nghĩa|district|Yên Phong|Bắc Ninh
O|09187|ward|Vạn An|city|Bắc Ninh|Bắc Ninh
O|09208|commune|Đông Phong|district|Yên Phong|Bắc Ninh
O|09193|commune|Long Châu|district|Yên Phong|Bắc Ninh
O|09187|ward|Khúc Xuyên|city|Bắc Ninh|Bắc Ninh
O|09238|commune|Văn Môn|district|Yên Phong|Bắc Ninh
O|09238|commune|Đông Thọ|district|Yên Phong|Bắc Ninh
O|09190|ward|Phong Khê|city|Bắc Ninh|Bắc Ninh
O|09247|ward|Phố Mới|town|Quế Võ|Bắc Ninh
O|09253|commune|Việt Thống|town|Quế Võ|Bắc Ninh
O|09253|ward|Đại Xuân|town|Quế Võ|Bắc Ninh
O|09169|ward|Kim Chân|city|Bắc Ninh|Bắc Ninh
O|09253|ward|Nhân Hòa|town|Quế Võ|Bắc Ninh
O|09247|ward|Bằng An|town|Quế Võ|Bắc Ninh
O|09265|ward|Phương Liễu|town|Quế Võ|Bắc Ninh
O|09247|ward|Quế Tân|town|Quế Võ|Bắc Ninh
O|09286|ward|Vân Dương|city|Bắc Ninh|Bắc Ninh
O|09301|ward|Phù Lương|town|Quế Võ|Bắc Ninh
O|09292|commune|Phù Lãng|town|Quế Võ|Bắc Ninh
O|09265|ward|Phượng Mao|town|Quế Võ|Bắc Ninh
O|09247|ward|Việt Hùng|town|Quế Võ|Bắc Ninh
O|09286|ward|Nam Sơn|city|Bắc Ninh|Bắc Ninh
O|09301|commune|Ngọc Xá|town|Quế Võ|Bắc Ninh
O|09292|commune|Châu Phong|town|Quế Võ|Bắc Ninh
O|09295|ward|Bồng Lai|town|Quế Võ|Bắc Ninh
O|09295|ward|Cách Bi|town|Quế Võ|Bắc Ninh
O|09301|commune|Đào Viên|town|Quế Võ|Bắc Ninh
O|09313|commune|Yên Giả|town|Quế Võ|Bắc Ninh
O|09295|commune|Mộ Đạo|town|Quế Võ|Bắc Ninh
O|09292|commune|Đức Long|town|Quế Võ|Bắc Ninh
O|09313|commune|Chi Lăng|town|Quế Võ|Bắc Ninh
O|09313|commune|Hán Quảng|town|Quế Võ|Bắc Ninh
O|09319|town|Lim|district|Tiên Du|Bắc Ninh
O|09319|commune|Phú Lâm|district|Tiên Du|Bắc Ninh
O|09325|ward|Khắc Niệm|city|Bắc Ninh|Bắc Ninh
O|09319|commune|Nội Duệ|district|Tiên Du|Bắc Ninh
O|09325|ward|Hạp Lĩnh|city|Bắc Ninh|Bắc Ninh
O|09334|commune|Liên Bão|district|Tiên Du|Bắc Ninh
O|09334|commune|Hiên Vân|district|Tiên Du|Bắc Ninh
O|09340|commune|Hoàn Sơn|district|Tiên Du|Bắc Ninh
O|09343|commune|Lạc Vệ|district|Tiên Du|Bắc Ninh
O|09334|commune|Việt Đoàn|district|Tiên Du|Bắc Ninh
O|09349|commune|Phật Tích|district|Tiên Du|Bắc Ninh
O|09343|commune|Tân Chi|district|Tiên Du|Bắc Ninh
O|09340|commune|Đại Đồng|district|Tiên Du|Bắc Ninh
O|09340|commune|Tri Phương|district|Tiên Du|Bắc Ninh
O|09349|commune|Minh Đạo|district|Tiên Du|Bắc Ninh
O|09349|commune|Cảnh Hưng|district|Tiên Du|Bắc Ninh
O|09367|ward|Đông Ngàn|city|Từ Sơn|Bắc Ninh
O|09370|ward|Tam Sơn|city|Từ Sơn|Bắc Ninh
O|09379|ward|Hương Mạc|city|Từ Sơn|Bắc Ninh
O|09370|ward|Tương Giang|city|Từ Sơn|Bắc Ninh
O|09379|ward|Phù Khê|city|Từ Sơn|Bắc Ninh
O|09385|ward|Đồng Kỵ|city|Từ Sơn|Bắc Ninh
O|09385|ward|Trạng Hạ|city|Từ Sơn|Bắc Ninh
O|09385|ward|Đồng Nguyên|city|Từ Sơn|Bắc Ninh
O|09379|ward|Châu Khê|city|Từ Sơn|Bắc Ninh
O|09367|ward|Tân Hồng|city|Từ Sơn|Bắc Ninh
O|09367|ward|Đình Bảng|city|Từ Sơn|Bắc Ninh
O|09367|ward|Phù Chẩn|city|Từ Sơn|Bắc Ninh
O|09400|ward|Hồ|town|Thuận Thành|Bắc Ninh
O|09409|commune|Hoài Thượng|town|Thuận Thành|Bắc Ninh
O|09400|commune|Đại Đồng Thành|town|Thuận Thành|Bắc Ninh
O|09409|commune|Mão Điền|town|Thuận Thành|Bắc Ninh
O|09400|ward|Song Hồ|town|Thuận Thành|Bắc Ninh
O|09427|commune|Đình Tổ|town|Thuận Thành|Bắc Ninh
O|09409|ward|An Bình|town|Thuận Thành|Bắc Ninh
O|09427|ward|Trí Quả|town|Thuận Thành|Bắc Ninh
O|09400|ward|Gia Đông|town|Thuận Thành|Bắc Ninh
O|09427|ward|Thanh Khương|town|Thuận Thành|Bắc Ninh
O|09430|ward|Trạm Lộ|town|Thuận Thành|Bắc Ninh
O|09433|ward|Xuân Lâm|town|Thuận Thành|Bắc Ninh
O|09433|ward|Hà Mãn|town|Thuận Thành|Bắc Ninh
O|09433|commune|Ngũ Thái|town|Thuận Thành|Bắc Ninh
O|09445|commune|Nguyệt Đức|town|Thuận Thành|Bắc Ninh
O|09445|ward|Ninh Xá|town|Thuận Thành|Bắc Ninh
O|09430|commune|Nghĩa Đạo|town|Thuận Thành|Bắc Ninh
O|09433|commune|Song Liễu|town|Thuận Thành|Bắc Ninh
O|09454|town|Gia Bình|district|Gia Bình|Bắc Ninh
O|09466|commune|Vạn Ninh|district|Gia Bình|Bắc Ninh
O|09475|commune|Thái Bảo|district|Gia Bình|Bắc Ninh
O|09487|commune|Giang Sơn|district|Gia Bình|Bắc Ninh
O|09466|commune|Cao Đức|district|Gia Bình|Bắc Ninh
O|09469|commune|Đại Lai|district|Gia Bình|Bắc Ninh
O|09469|commune|Song Giang|district|Gia Bình|Bắc Ninh
O|09475|commune|Bình Dương|district|Gia Bình|Bắc Ninh
O|09487|commune|Lãng Ngâm|district|Gia Bình|Bắc Ninh
O|09475|town|Nhân Thắng|district|Gia Bình|Bắc Ninh
O|09454|commune|Xuân Lai|district|Gia Bình|Bắc Ninh
O|09487|commune|Đông Cứu|district|Gia Bình|Bắc Ninh
O|09454|commune|Đại Bái|district|Gia Bình|Bắc Ninh
O|09454|commune|Quỳnh Phú|district|Gia Bình|Bắc Ninh
O|09496|town|Thứa|district|Lương Tài|Bắc Ninh
O|09499|commune|An Thịnh|district|Lương Tài|Bắc Ninh
O|09499|commune|Trung Kênh|district|Lương Tài|Bắc Ninh
O|09496|commune|Phú Hòa|district|Lương Tài|Bắc Ninh
O|09499|commune|An Tập|district|Lương Tài|Bắc Ninh
O|09499|commune|Mỹ Hương|district|Lương Tài|Bắc Ninh
O|09499|commune|Lai Hạ|district|Lương Tài|Bắc Ninh
O|09496|commune|Tân Lãng|district|Lương Tài|Bắc Ninh
O|09529|commune|Quảng Phú|district|Lương Tài|Bắc Ninh
O|09523|commune|Quang Minh|district|Lương Tài|Bắc Ninh
O|09523|commune|Trừng Xá|district|Lương Tài|Bắc Ninh
O|09523|commune|Minh Tân|district|Lương Tài|Bắc Ninh
O|09523|commune|Trung Chính|district|Lương Tài|Bắc Ninh
O|09529|commune|Bình Định|district|Lương Tài|Bắc Ninh
O|09523|commune|Phú Lương|district|Lương Tài|Bắc Ninh
O|09529|commune|Lâm Thao|district|Lương Tài|Bắc Ninh
"""
}
