"""The 54 ethnic groups of Việt Nam (Danh mục các dân tộc Việt Nam, Tổng cục Thống kê, QĐ 121-TCTK/PPCĐ),
in the official order: the values the import template offers for “Dân tộc”. Member.ethnicity stays free
text (older records use local names such as “Cao Lan”), so the list guides, it does not refuse."""

ETHNICITIES = [
    "Kinh", "Tày", "Thái", "Hoa", "Khmer", "Mường", "Nùng", "Mông", "Dao", "Gia Rai", "Ngái", "Ê Đê", "Ba Na",
    "Xơ Đăng", "Sán Chay", "Cơ Ho", "Chăm", "Sán Dìu", "Hrê", "Mnông", "Ra Glai", "Xtiêng", "Bru Vân Kiều", "Thổ",
    "Giáy", "Cơ Tu", "Gié Triêng", "Mạ", "Khơ Mú", "Co", "Tà Ôi", "Chơ Ro", "Kháng", "Xinh Mun", "Hà Nhì", "Chu Ru",
    "Lào", "La Chí", "La Ha", "Phù Lá", "La Hủ", "Lự", "Lô Lô", "Chứt", "Mảng", "Pà Thẻn", "Cơ Lao", "Cống", "Bố Y",
    "Si La", "Pu Péo", "Brâu", "Ơ Đu", "Rơ Măm",
]
