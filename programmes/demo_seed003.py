"""Seed 003 (Kế hoạch của UBND thị trấn Cao Thượng năm 2024) as data: its text and its annex table."""

# Seed 003 annex "CHỈ TIÊU GIAO GIẢM NGHÈO NĂM 2024", in the table's order (tổ dân phố 07339-01 … 07339-26):
# name, households 2023, people, households 2024, poor 2023, poor expected 2024, near-poor 2023, near-poor 2024
SEED_003_GROUPS = [
    ('Hoà Sơn', 217, 818, 220, 8, 4, 10, 6),
    ('Chám', 95, 378, 95, 2, 2, 4, 4),
    ('Trong CT', 118, 520, 120, 3, 2, 4, 4),
    ('Đình', 134, 448, 134, 4, 2, 5, 4),
    ('Bậu', 88, 316, 88, 2, 2, 4, 4),
    ('Bùi', 122, 450, 122, 3, 2, 5, 4),
    ('Hợp Tiên', 120, 450, 125, 4, 2, 7, 5),
    ('Tân Lập', 235, 964, 140, 6, 3, 5, 5),
    ('Chùa', 110, 423, 112, 3, 2, 7, 5),
    ('Tân Tiến', 180, 596, 185, 4, 2, 9, 5),
    ('Trong Hạ', 181, 710, 183, 6, 2, 5, 5),
    ('Ngoài Hạ', 215, 827, 220, 4, 2, 8, 5),
    ('Phố Bùi', 143, 576, 150, 2, 2, 5, 5),
    ('Đầu', 137, 476, 140, 4, 2, 5, 5),
    ('Thiểm', 90, 315, 92, 3, 2, 7, 5),
    ('Nguồn', 114, 511, 115, 3, 2, 5, 5),
    ('Đình Giã', 208, 846, 210, 2, 1, 4, 4),
    ('Vườn Đình', 158, 666, 160, 5, 3, 2, 2),
    ('H. Hoa Thám', 169, 630, 170, 0, 0, 3, 3),
    ('Đồi Đỏ', 150, 563, 160, 4, 3, 3, 3),
    ('Phố Mới', 320, 1243, 360, 3, 2, 0, 0),
    ('Đông', 150, 590, 160, 3, 2, 7, 5),
    ('Chợ', 136, 547, 140, 3, 2, 4, 4),
    ('Đồng Mới', 104, 420, 110, 3, 2, 7, 5),
    ('Ngô Xá', 128, 469, 135, 3, 2, 3, 3),
    ('Ngò', 76, 280, 78, 3, 2, 7, 5),
]

TITLE = "Thực hiện chương trình giảm nghèo và giải quyết việc làm năm 2024"

HEADER = {
    "issuing_body": "ỦY BAN NHÂN DÂN THỊ TRẤN CAO THƯỢNG",
    "symbol": "KH-UBND",
    "place": "Thị trấn Cao Thượng",
    "introduction": "UBND thị trấn Cao Thượng xây dựng kế hoạch giảm nghèo và giải quyết việc làm năm 2024 như sau.",
}

LEGAL_BASES = [
    "Thực hiện Nghị quyết số 01-NQ/ĐU ngày 01/06/2020, Đại hội Đảng bộ thị trấn Cao Thượng lần thứ XXIX nhiệm kỳ "
    "2020-2025",
    "Căn cứ chỉ tiêu kế hoạch nhà nước được UBND huyện Tân Yên giao năm 2024.",
]

CONTENT = {
    "part_order": ["purpose", "objectives", "organisation", "solutions", "reporting", "scope", "activities", "budget"],
    "purpose_heading": "MỤC ĐÍCH YÊU CẦU",
    "purpose": """\
- Cụ thể hoá các mục tiêu, nội dung, giải pháp của chương trình thành kế hoạch cụ thể để thực hiện giảm nghèo toàn \
diện hơn, công bằng hơn trong năm 2024; Tạo việc làm cho người lao động, đảm bảo vững chắc ổn định và có thu nhập \
cao hơn,
- Phối hợp với các ngành đoàn thể, thực hiện tốt chương trình giảm nghèo và dạy nghề, giải quyết việc làm có hiệu \
quả năm 2024.""",
    "requirements": """\
Căn cứ vào số hộ nghèo công nhận tại thời điểm rà soát năm 2023 của các TDP trong toàn thị trấn, các TDP phố và BCĐ \
giảm nghèo của thị trấn, tiến hành rà soát, thống kê đánh giá thực trạng tìm nguyên nhân dẫn đến nghèo của từng hộ \
sau đó xem xét đánh giá nhận định các hộ có khả năng thoát nghèo năm 2024, các hộ không có khả năng thoát nghèo 2024, \
đề xuất các biện pháp giúp đỡ các hộ có khả năng thoát nghèo.
- BCĐ giảm nghèo của thị trấn tham mưu cho cấp ủy, chính quyền ra nghị quyết lãnh đạo chỉ đạo, phân công MTTQ- các \
đoàn thể nhân dân, các tổ chức xã hội nhận giúp đỡ các hộ nghèo, giúp đỡ gia đình hộ nghèo thoát nghèo năm 2024 và \
các năm tiếp theo.
- UBND TT phối hợp với các cơ quan chức năng của huyện và MTTQ, các đoàn thể nhân dân, các tổ chức xã hội chỉ đạo, \
theo dõi, tạo điều kiện cho các hộ nghèo về vật chất tinh thần giúp hộ nghèo sản xuất kinh doanh, giải quyết việc \
làm để thoát nghèo năm 2024 theo chỉ tiêu kế hoạch đề ra.""",
    "objectives_heading": "MỤC TIÊU, CHỈ TIÊU GIẢM NGHÈO",
    "specific_objectives": """\
1. Mục tiêu giảm nghèo:
- Tỷ lệ hộ nghèo: 1,4% (giảm 0,91%)
+ Số hộ nghèo giảm : 36
- Tỷ lệ hộ cận nghèo: 2,8%
+ Số hộ cận nghèo: 110 hộ
(Có biểu phụ lục kèm theo)
2. Đào tạo nghề, giải quyết việc làm
- Số người trong độ tuổi lao động: 9225 người
- Lao động qua đào tạo: 7565 người
- Số người có việc làm mới trong năm : 260 người
- Tỷ lệ lao động qua đào tạo: 82 %.
- Xuất khẩu lao động: 10 người""",
    "organisation_heading": "NHIỆM VỤ",
    "solutions_heading": "GIẢI PHÁP THỰC HIỆN",
    "solutions": """\
1. Các chính sách, dự án hỗ trợ giảm nghèo chung
1.1. Chính sách đào tạo nghề
-Thực hiện đầy đủ chính sách đào tạo nghề cho lao động lao động thuộc hộ nghèo, cận nghèo, người khuyết tật, người \
dân tộc thiểu số, người có đất thu hồi phục vụ cho các công trình phát triển kinh tế- xã hội theo quy định của Chính \
phủ; dạy nghề gắn với tạo việc làm. Mục tiêu năm 2024 nâng tỷ lệ lên 82 % số lao động qua đào tạo.
Mỗi tổ dân phố giới thiệu 01 người tham gia xuất khẩu lao động.
1.2. Chính sách vay vốn tín dụng
- Tiếp tục thực hiện chính sách tín dụng ưu đãi đối với hộ nghèo, hộ cận nghèo; cải cách để đơn giản về điều kiện, \
thủ tục hồ sơ giúp hộ nghèo được tiếp cận với nguồn vốn tín dụng. Gắn vay vốn tạo việc làm tại chỗ với hướng dẫn \
cách làm, khuyến nông và chuyển giao kỹ thuật, công nghệ và sản xuất.
1.3. Dự án khuyến nông, khuyến ngư:
- Hỗ trợ phát triển sản xuất nông lâm nghiệp, thủy sản và vùng sản xuất hàng hóa khu vực khó khăn gồm: Hỗ trợ cây \
con giống, vật tư nông nghiệp, tập huấn chuyển giao kỹ thuật, công nghệ vào sản xuất; tập trung xây dựng các mô hình \
trình diễn về trồng trọt, chăn nuôi, thủy sản, lâm nghiệp, đưa cơ giới vào sản xuất. Lồng ghép các nguồn vốn thực \
hiện công tác khuyến nông, lâm, ngư để người nghèo được tiếp cận và tham gia, giúp tăng năng suất cây trồng vật nuôi, \
nâng cao chất lượng sản phẩm, tăng thu nhập.
1.4. Chính sách hỗ trợ về y tế
- Đảm bảo cho 100% người nghèo được cấp thẻ bảo hiểm y tế; hỗ trợ người thuộc hộ cận nghèo mua thẻ bảo hiểm y tế \
100% theo Luật Bảo hiểm y tế. Từng bước nâng cao chất lượng khám chữa bệnh tại tuyến y tế cơ sở và duy trì trạm y tế \
đạt chuẩn quốc gia về y tế.
1.5. Chính sách hỗ trợ về giáo dục
- Thực hiện tốt chính sách miễn, giảm học phí và hỗ trợ chi phí học tập đối với học sinh nghèo, cận nghèo, học sinh \
người dân tộc thiểu số ở các cấp học theo chính sách hiện hành
1.6. Chính sách hỗ trợ về nhà ở
Năm 2024 tiếp tục thực hiện chính sách hỗ trợ nhà ở cho hộ nghèo có khó khăn về nhà ở theo Quyết định của Thủ tướng \
Chính phủ; vận động hỗ trợ làm nhà ở cho hộ nghèo của MTTQ và các đoàn thể nhân dân.
1.7. Chính sách bảo trợ xã hội
+ Tăng cường công tác chỉ đạo, tuyên truyền, hướng dẫn lập hồ sơ và tổ chức thực hiện chính sách trợ giúp cho các \
đối tượng bảo trợ xã hội (người cao tuổi, người khuyết tật, trẻ em mồ côi, người già cô đơn, người đơn thân nuôi con \
nhỏ thuộc hộ nghèo, cận nghèo....) trên địa bàn thị trấn. Thực hiện tốt chính sách nhằm giúp người nghèo, đối tượng \
yếu thế giảm bớt khó khăn, ổn định cuộc sống, có cơ hội để hòa nhập cộng đồng, đồng thời hỗ trợ đối tượng có điều \
kiện để vươn lên thoát nghèo.
+ Thường xuyên, chủ động, nắm chắc tình hình đời sống nhân dân, đảm bảo nguồn kinh phí ở cấp thực hiện cứu trợ đột \
xuất kịp thời để ổn định tình hình đời sống nhân dân khi có thiên tai, bão lũ, dịch bệnh, mất mùa...
1.8. Chính sách hỗ trợ các dịch vụ trợ giúp pháp lý
- Thực hiện trợ giúp pháp lý miễn phí cho người nghèo, đối tượng chính sách xã hội tạo điều kiện cho người nghèo \
hiểu biết quyền, nghĩa vụ của mình, chủ động tiếp cận với các chính sách trợ giúp của Nhà nước, vươn lên thoát nghèo.
2. Thực hiện các dự án giảm nghèo
2.1 Dự án đào tạo nâng cao năng lực giảm nghèo
- Quan tâm tạo điều kiện tham gia tập huấn nghiệp vụ về công tác giảm nghèo để nâng cao năng lực của đội ngũ cán bộ \
làm công tác giảm nghèo ở thị trấn, Ban giảm nghèo thị trấn, tổ trưởng các tổ dân phố, cán bộ tham gia công tác giảm \
nghèo của các tổ chức đoàn thể ở địa phương.
- Công chức LĐTB&XH phối hợp với các ngành đoàn thể, các tổ dân phố tổ chức thực hiện.
2.2. Hoạt động truyền thông, tuyên truyền về giảm nghèo
- Xây dựng và tổ chức thực hiện các chương trình truyền thông, tuyên truyền về giảm nghèo tại các tổ dân phố trên \
hệ thống truyền thanh thị trấn và loa của các tổ dân phố về chương trình giảm nghèo bền vững đến năm 2025. (các chi \
hội tổ chức các buổi giao lưu học hỏi kinh nghiệm về cách làm ăn kinh tế đạt hiệu quả cao đối với hộ làm ăn kinh tế \
khá giỏi của TDP phố mình ...); tổ chức các đợt tuyên truyền tại các TDP lồng ghép với các hoạt động phong trào của \
TDP để tuyên truyền giảm nghèo để nâng cao nhận thức của người nghèo về ý nghĩa, tầm quan trọng, mục tiêu và chủ \
trương của Đảng và Nhà nước về công tác giảm nghèo.
2.3. Hoạt động giám sát, đánh giá kết quả thực hiện chương trình
- Xây dựng kế hoạch giám sát, đánh giá kết quả thực hiện giảm nghèo hằng quý, 6 tháng, năm và giám sát chuyên đề \
đối với các TDP qua giám sát, đánh giá đảm bảo cho Chương trình giảm nghèo thực hiện có hiệu quả, đúng mục tiêu, \
đúng đối tượng, có biện pháp điều chỉnh, chỉ đạo cho phù hợp.""",
    "reporting_heading": "TỔ CHỨC THỰC HIỆN",
    "reporting": """\
1. Căn cứ vào kế hoạch này BCĐ giảm nghèo của thị trấn được phân công phụ trách các TDP có trách nhiệm chỉ đạo cùng \
với ban xóa đói giảm nghèo của các tổ dân phố thực hiện theo đúng nội dung kế hoạch đề ra, phối hợp lồng ghép các \
nội dung thực hiện nhiệm vụ của ngành, lĩnh vực mình phụ trách, thực hiện đồng bộ các giải pháp chương trình giảm \
nghèo năm 2024 của thị trấn đề ra.
2. Các TDP có trách nhiệm rà soát đánh giá thật khách quan, trung thực các hộ nghèo của TDP phố mình. Báo cáo với \
cấp ủy chi bộ, ra nghị quyết chuyên đề để lãnh đạo, chỉ đạo phân công các chi hội đứng ra giúp đỡ các hộ nghèo thoát \
nghèo.
3. Đề nghị Đảng ủy chỉ đạo các chi bộ trực thuộc xây dựng chương trình Nghị quyết lãnh đạo giúp đỡ các hộ nghèo tại \
các TDP thoát nghèo năm 2023 để không tái nghèo vào các năm sau. Đề nghị MTTQ, các đoàn thể chính trị, tuyên truyền, \
động viên, giúp đỡ các hộ nghèo, giúp đỡ đoàn viên hội viên của mình thực hiện tốt chương trình giảm nghèo theo kế \
hoạch đề ra.
4. Giao cho Ban chỉ đạo giảm nghèo của thị trấn, các tổ dân phố, công chức VHXX của thị trấn theo dõi tổng hợp kết \
quả thực hiện chương trình kế hoạch này hàng tháng báo cáo kết quả về Chủ tịch UBND thị trấn vào ngày 25 hàng tháng. \
Trong quá trình thực hiện kế hoạch nếu có phát sinh vướng mắc kịp thời phản ánh về thường trực UBND để được xem xét \
và bổ sung kịp thời.""",
    "closing": "Trên đây là Kế hoạch thực hiện chương trình giảm nghèo và dạy nghề, giải quyết việc làm thị trấn Cao "
               "Thượng năm 2024. Đề nghị BCD giảm nghèo, các ngành đoàn thể có liên quan, các TDP tổ chức thực hiện "
               "nghiêm túc kế hoạch này./.",
    "annex_title": "CHỈ TIÊU GIAO GIẢM NGHÈO NĂM 2024",
}

# Phần "III. NHIỆM VỤ": (agency name or None, heading when it differs from the agency's name, text)
RESPONSIBILITIES = [
    ("Ban Chỉ đạo giảm nghèo thị trấn", "Đối với Ban chỉ đạo giảm nghèo:",
     "Căn cứ chức năng nhiệm vụ của từng thành viên BCD TT được phân công nhiệm vụ triển khai, phối hợp lồng ghép các "
     "nội dung thực hiện nhiệm vụ của ngành mình gắn với việc phát triển chương trình mục tiêu quốc gia giảm nghèo năm "
     "2024 và chịu trách nhiệm kết quả giúp đỡ hội viên thuộc hộ nghèo TDP mình phụ trách."),
    ("Công chức Văn hóa - Xã hội", "Công chức văn hóa xã hội:",
     "Tham mưu, các văn bản chỉ tiêu phát triển chương trình giảm nghèo và giải quyết việc làm năm 2024 với Đảng ủy, "
     "UBND và BCD TT. Phối hợp với MTTQ, các ngành đoàn thể, các trung tâm dạy nghề nâng cao số lao động qua đào tạo "
     "và có việc làm hàng năm."),
    ("Ủy ban MTTQ thị trấn", "",
     "Chủ trì, phối hợp với các ngành, đoàn thể, chỉ đạo tổ chức tuyên truyền vận động giới thiệu việc làm và tuyển "
     "dụng lao động vào các cụm công nghiệp trên địa bàn."),
    ("Đài truyền thanh thị trấn", "",
     "Tập trung tuyên truyền chương trình mục tiêu quốc gia giảm nghèo trên hệ thống loa truyền thanh của thị trấn, "
     "sưu tầm, phát thanh các chương trình, mục làm giàu nhà nông. Hộ, cá nhân là hộ nghèo làm ăn khá giỏi vươn lên "
     "thoát nghèo."),
    ("Các ngành đoàn thể", "",
     "Căn cứ chức năng, nhiệm vụ từng ngành, tuyên truyền vận động hội viên, đoàn viên tích cực tham gia sản xuất vươn "
     "lên thoát nghèo.\n"
     "Đề nghị hội phụ nữ, hội nông dân, Đoàn thanh niên, hội cựu chiến binh, người cao tuổi mỗi tổ chức hội chọn từ 4 "
     "đến 5 hộ để chỉ đạo các chi hội, chi đoàn giúp đỡ hội viên, hộ gia đình phát triển kinh tế để vươn lên thoát "
     "nghèo"),
    (None, "Đối với các TDP",
     "Căn cứ nội dung kế hoạch giảm nghèo của UBND TT để cụ thể kế hoạch cho tổ dân phố, phân đầu hoàn thành kế hoạch "
     "và hàng tháng báo cáo về UBND (thị trấn theo mẫu gửi kèm)."),
]

RECIPIENTS = ["Phòng LĐTBXH;", "TT Đảng uỷ, HĐND, UBND;", "MTTQ, Các ngành đoàn thể;", "Các TDP, BCĐXĐGN TT;",
              "Lưu. VT, VHXX."]

SIGNATURE = {"sign_on_behalf": "ỦY BAN NHÂN DÂN", "sign_for": "", "signer_position": "CHỦ TỊCH"}
SIGNER = "Vũ Ngọc Vân"

# Section V.4: "… hàng tháng báo cáo kết quả về Chủ tịch UBND thị trấn vào ngày 25 hàng tháng."
REPORTING_RULES = [
    {"frequency": "monthly", "timing": "on", "day": 25, "month_offset": 0,
     "reporter": "Ban chỉ đạo giảm nghèo, các tổ dân phố, công chức VH-XH",
     "recipient": "Chủ tịch UBND thị trấn", "content": "kết quả thực hiện kế hoạch"},
]

# The town's targets (section II and the annex totals): indicator code → (value, baseline).
TOWN_TARGETS = {
    "so_ho_dan_cu": (3924, 3898),
    "nhan_khau": (None, 15032),
    "ho_ngheo": (54, 90),
    "ty_le_ho_ngheo": ("1.4", None),
    "giam_ty_le_ho_ngheo": ("0.91", None),
    "giam_ho_ngheo": (36, None),
    "ho_can_ngheo": (110, 135),
    "ty_le_ho_can_ngheo": ("2.8", None),
    "lao_dong_trong_tuoi": (9225, None),
    "lao_dong_qua_dao_tao": (7565, None),
    "ty_le_lao_dong_qua_dao_tao": (82, None),
    "viec_lam_moi": (260, None),
    "xuat_khau_lao_dong": (10, None),
}

# The annex columns: indicator code → (value column, baseline column) of SEED_003_GROUPS (None: no number).
GROUP_COLUMNS = {"so_ho_dan_cu": (3, 1), "nhan_khau": (None, 2), "ho_ngheo": (5, 4), "ho_can_ngheo": (7, 6)}
