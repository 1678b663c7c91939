import datetime

from programmes.text import Block, doc_date, parse_blocks


def test_headings_items_and_paragraphs_are_told_apart():
    text = """1. Mục đích:
- Cụ thể hoá các mục tiêu;
-Phối hợp với các ngành đoàn thể
+ Số hộ nghèo giảm : 36
1.1. Chính sách đào tạo nghề
2.1 Dự án đào tạo nâng cao năng lực giảm nghèo
a) Tiểu dự án 1: Hỗ trợ phát triển sản xuất trong lĩnh vực nông nghiệp

1. Căn cứ vào kế hoạch này BCĐ giảm nghèo của thị trấn được phân công phụ trách các TDP có trách nhiệm chỉ \
đạo cùng với ban xóa đói giảm nghèo.
2023 là năm bản lề
Mỗi tổ dân phố giới thiệu 01 người tham gia xuất khẩu lao động."""
    assert parse_blocks(text) == [
        Block("heading", "1. Mục đích:", 1),
        Block("dash", "Cụ thể hoá các mục tiêu;"),
        Block("dash", "Phối hợp với các ngành đoàn thể"),
        Block("plus", "Số hộ nghèo giảm : 36"),
        Block("heading", "1.1. Chính sách đào tạo nghề", 2),
        Block("heading", "2.1 Dự án đào tạo nâng cao năng lực giảm nghèo", 2),
        Block("heading", "a) Tiểu dự án 1: Hỗ trợ phát triển sản xuất trong lĩnh vực nông nghiệp", 2),
        Block("text", "1. Căn cứ vào kế hoạch này BCĐ giảm nghèo của thị trấn được phân công phụ trách các TDP có "
                      "trách nhiệm chỉ đạo cùng với ban xóa đói giảm nghèo."),
        Block("text", "2023 là năm bản lề"),
        Block("text", "Mỗi tổ dân phố giới thiệu 01 người tham gia xuất khẩu lao động."),
    ]


def test_document_dates_follow_decree_30_leading_zeros():
    assert doc_date(datetime.date(2024, 1, 25)) == "ngày 25 tháng 01 năm 2024"
    assert doc_date(datetime.date(2023, 12, 5)) == "ngày 05 tháng 12 năm 2023"
    assert doc_date(datetime.date(2023, 3, 1)) == "ngày 01 tháng 3 năm 2023"
    assert doc_date(None, 2024).replace("\u00a0", " ").split() == ["ngày", "tháng", "năm", "2024"]
