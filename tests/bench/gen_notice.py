#!/usr/bin/env python3
"""Writes a generated conclusion notice for the reading benchmarks.

usage: gen_notice.py units N FILE      N numbered assignments under Roman parts
       gen_notice.py headings BYTES FILE   numbered headings only, no assignment

The assignments vary their agencies, cooperating agencies and deadlines the
way real notices do ("Sở … chủ trì, phối hợp với …; báo cáo UBND tỉnh trước
ngày …"), so every path of the reading runs; each one is a unit."""
import sys

AGENCIES = ["Sở Tài chính", "Sở Xây dựng", "Sở Nội vụ", "Sở Y tế", "Sở Tư pháp",
            "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch", "Sở Công Thương",
            "Sở Nông nghiệp và Môi trường", "Sở Giáo dục và Đào tạo", "Công an tỉnh",
            "Bộ Chỉ huy Quân sự tỉnh", "Thuế tỉnh", "Ủy ban nhân dân các xã, phường"]
HEADER = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 123/TB-UBND
Lào Cai, ngày 11 tháng 6 năm 2026
THÔNG BÁO
KẾT LUẬN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TẠI PHIÊN HỌP THƯỜNG KỲ
Ngày 10/6/2026, Ủy ban nhân dân tỉnh tổ chức phiên họp thường kỳ. Chủ tịch Ủy ban nhân dân tỉnh kết luận như sau:
"""
FOOTER = """Văn phòng Ủy ban nhân dân tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.
Nơi nhận:
- Như trên;
- Lưu: VT.
TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG
Nguyễn Văn A
"""
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def units(n):
    out = [HEADER]
    per_part = max(1, (n + 9) // 10)
    k = 0
    for p in range(10):
        if k >= n:
            break
        out.append(f"{ROMAN[p]}. VỀ LĨNH VỰC THỨ {p + 1}\n")
        for i in range(1, per_part + 1):
            if k >= n:
                break
            lead = AGENCIES[k % len(AGENCIES)]
            coop = AGENCIES[(k * 7 + 3) % len(AGENCIES)]
            day, month = k % 28 + 1, k % 12 + 1
            out.append(f"{i}. {lead} chủ trì, phối hợp {coop} rà soát hồ sơ {k + 1}, "
                       f"trước ngày {day}/{month}/2027.\n")
            k += 1
    out.append(FOOTER)
    return "".join(out)


def headings(size):
    out = [HEADER]
    total, i = len(HEADER.encode()), 0
    while total < size:
        i += 1
        line = f"{i // 100 + 1}.{i % 100 + 1}. Về nội dung thứ {i} của chương trình công tác:\n"
        out.append(line)
        total += len(line.encode())
    out.append(FOOTER)
    return "".join(out)


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("units", "headings"):
        raise SystemExit(__doc__)
    n = int(sys.argv[2])
    text = units(n) if sys.argv[1] == "units" else headings(n)
    with open(sys.argv[3], "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
