#include "core/text.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/xalloc.h"

struct cp_range {
	uint32_t first, last;
};

/* cp = base + mark, for every precomposed letter of U+00C0–U+024F and
 * U+1E00–U+1EFF whose canonical decomposition is a pair and that NFC keeps
 * (composition exclusions left out). */

/* Tables: zero_width (combining marks, enclosing marks, format characters,
 * Hangul medial/final jamo: 0 columns), wide (East Asian Wide and Fullwidth:
 * 2 columns; unassigned code points inside a block count with their block),
 * decomp_table (sorted by cp), ccc_0300 (canonical combining classes of
 * U+0300–U+036F), compose_table (decomp_table sorted by base, mark). */
/* Generated from Unicode 14.0.0 data (Python unicodedata) by a one-off script;
 * see core/text.c for what each table means. */
static const struct cp_range zero_width[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD }, { 0x05BF, 0x05BF },
	{ 0x05C1, 0x05C2 }, { 0x05C4, 0x05C5 }, { 0x05C7, 0x05C7 }, { 0x0600, 0x0605 },
	{ 0x0610, 0x061A }, { 0x061C, 0x061C }, { 0x064B, 0x065F }, { 0x0670, 0x0670 },
	{ 0x06D6, 0x06DD }, { 0x06DF, 0x06E4 }, { 0x06E7, 0x06E8 }, { 0x06EA, 0x06ED },
	{ 0x070F, 0x070F }, { 0x0711, 0x0711 }, { 0x0730, 0x074A }, { 0x07A6, 0x07B0 },
	{ 0x07EB, 0x07F3 }, { 0x07FD, 0x07FD }, { 0x0816, 0x0819 }, { 0x081B, 0x0823 },
	{ 0x0825, 0x0827 }, { 0x0829, 0x082D }, { 0x0859, 0x085B }, { 0x0890, 0x089F },
	{ 0x08CA, 0x0902 }, { 0x093A, 0x093A }, { 0x093C, 0x093C }, { 0x0941, 0x0948 },
	{ 0x094D, 0x094D }, { 0x0951, 0x0957 }, { 0x0962, 0x0963 }, { 0x0981, 0x0981 },
	{ 0x09BC, 0x09BC }, { 0x09C1, 0x09C4 }, { 0x09CD, 0x09CD }, { 0x09E2, 0x09E3 },
	{ 0x09FE, 0x0A02 }, { 0x0A3C, 0x0A3C }, { 0x0A41, 0x0A51 }, { 0x0A70, 0x0A71 },
	{ 0x0A75, 0x0A75 }, { 0x0A81, 0x0A82 }, { 0x0ABC, 0x0ABC }, { 0x0AC1, 0x0AC8 },
	{ 0x0ACD, 0x0ACD }, { 0x0AE2, 0x0AE3 }, { 0x0AFA, 0x0B01 }, { 0x0B3C, 0x0B3C },
	{ 0x0B3F, 0x0B3F }, { 0x0B41, 0x0B44 }, { 0x0B4D, 0x0B56 }, { 0x0B62, 0x0B63 },
	{ 0x0B82, 0x0B82 }, { 0x0BC0, 0x0BC0 }, { 0x0BCD, 0x0BCD }, { 0x0C00, 0x0C00 },
	{ 0x0C04, 0x0C04 }, { 0x0C3C, 0x0C3C }, { 0x0C3E, 0x0C40 }, { 0x0C46, 0x0C56 },
	{ 0x0C62, 0x0C63 }, { 0x0C81, 0x0C81 }, { 0x0CBC, 0x0CBC }, { 0x0CBF, 0x0CBF },
	{ 0x0CC6, 0x0CC6 }, { 0x0CCC, 0x0CCD }, { 0x0CE2, 0x0CE3 }, { 0x0D00, 0x0D01 },
	{ 0x0D3B, 0x0D3C }, { 0x0D41, 0x0D44 }, { 0x0D4D, 0x0D4D }, { 0x0D62, 0x0D63 },
	{ 0x0D81, 0x0D81 }, { 0x0DCA, 0x0DCA }, { 0x0DD2, 0x0DD6 }, { 0x0E31, 0x0E31 },
	{ 0x0E34, 0x0E3A }, { 0x0E47, 0x0E4E }, { 0x0EB1, 0x0EB1 }, { 0x0EB4, 0x0EBC },
	{ 0x0EC8, 0x0ECD }, { 0x0F18, 0x0F19 }, { 0x0F35, 0x0F35 }, { 0x0F37, 0x0F37 },
	{ 0x0F39, 0x0F39 }, { 0x0F71, 0x0F7E }, { 0x0F80, 0x0F84 }, { 0x0F86, 0x0F87 },
	{ 0x0F8D, 0x0FBC }, { 0x0FC6, 0x0FC6 }, { 0x102D, 0x1030 }, { 0x1032, 0x1037 },
	{ 0x1039, 0x103A }, { 0x103D, 0x103E }, { 0x1058, 0x1059 }, { 0x105E, 0x1060 },
	{ 0x1071, 0x1074 }, { 0x1082, 0x1082 }, { 0x1085, 0x1086 }, { 0x108D, 0x108D },
	{ 0x109D, 0x109D }, { 0x1160, 0x11FF }, { 0x135D, 0x135F }, { 0x1712, 0x1714 },
	{ 0x1732, 0x1733 }, { 0x1752, 0x1753 }, { 0x1772, 0x1773 }, { 0x17B4, 0x17B5 },
	{ 0x17B7, 0x17BD }, { 0x17C6, 0x17C6 }, { 0x17C9, 0x17D3 }, { 0x17DD, 0x17DD },
	{ 0x180B, 0x180F }, { 0x1885, 0x1886 }, { 0x18A9, 0x18A9 }, { 0x1920, 0x1922 },
	{ 0x1927, 0x1928 }, { 0x1932, 0x1932 }, { 0x1939, 0x193B }, { 0x1A17, 0x1A18 },
	{ 0x1A1B, 0x1A1B }, { 0x1A56, 0x1A56 }, { 0x1A58, 0x1A60 }, { 0x1A62, 0x1A62 },
	{ 0x1A65, 0x1A6C }, { 0x1A73, 0x1A7F }, { 0x1AB0, 0x1B03 }, { 0x1B34, 0x1B34 },
	{ 0x1B36, 0x1B3A }, { 0x1B3C, 0x1B3C }, { 0x1B42, 0x1B42 }, { 0x1B6B, 0x1B73 },
	{ 0x1B80, 0x1B81 }, { 0x1BA2, 0x1BA5 }, { 0x1BA8, 0x1BA9 }, { 0x1BAB, 0x1BAD },
	{ 0x1BE6, 0x1BE6 }, { 0x1BE8, 0x1BE9 }, { 0x1BED, 0x1BED }, { 0x1BEF, 0x1BF1 },
	{ 0x1C2C, 0x1C33 }, { 0x1C36, 0x1C37 }, { 0x1CD0, 0x1CD2 }, { 0x1CD4, 0x1CE0 },
	{ 0x1CE2, 0x1CE8 }, { 0x1CED, 0x1CED }, { 0x1CF4, 0x1CF4 }, { 0x1CF8, 0x1CF9 },
	{ 0x1DC0, 0x1DFF }, { 0x200B, 0x200F }, { 0x202A, 0x202E }, { 0x2060, 0x206F },
	{ 0x20D0, 0x20F0 }, { 0x2CEF, 0x2CF1 }, { 0x2D7F, 0x2D7F }, { 0x2DE0, 0x2DFF },
	{ 0x302A, 0x302D }, { 0x3099, 0x309A }, { 0xA66F, 0xA672 }, { 0xA674, 0xA67D },
	{ 0xA69E, 0xA69F }, { 0xA6F0, 0xA6F1 }, { 0xA802, 0xA802 }, { 0xA806, 0xA806 },
	{ 0xA80B, 0xA80B }, { 0xA825, 0xA826 }, { 0xA82C, 0xA82C }, { 0xA8C4, 0xA8C5 },
	{ 0xA8E0, 0xA8F1 }, { 0xA8FF, 0xA8FF }, { 0xA926, 0xA92D }, { 0xA947, 0xA951 },
	{ 0xA980, 0xA982 }, { 0xA9B3, 0xA9B3 }, { 0xA9B6, 0xA9B9 }, { 0xA9BC, 0xA9BD },
	{ 0xA9E5, 0xA9E5 }, { 0xAA29, 0xAA2E }, { 0xAA31, 0xAA32 }, { 0xAA35, 0xAA36 },
	{ 0xAA43, 0xAA43 }, { 0xAA4C, 0xAA4C }, { 0xAA7C, 0xAA7C }, { 0xAAB0, 0xAAB0 },
	{ 0xAAB2, 0xAAB4 }, { 0xAAB7, 0xAAB8 }, { 0xAABE, 0xAABF }, { 0xAAC1, 0xAAC1 },
	{ 0xAAEC, 0xAAED }, { 0xAAF6, 0xAAF6 }, { 0xABE5, 0xABE5 }, { 0xABE8, 0xABE8 },
	{ 0xABED, 0xABED }, { 0xD7B0, 0xD7FB }, { 0xFB1E, 0xFB1E }, { 0xFE00, 0xFE0F },
	{ 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF }, { 0xFFF9, 0xFFFB }, { 0x101FD, 0x101FD },
	{ 0x102E0, 0x102E0 }, { 0x10376, 0x1037A }, { 0x10A01, 0x10A0F }, { 0x10A38, 0x10A3F },
	{ 0x10AE5, 0x10AE6 }, { 0x10D24, 0x10D27 }, { 0x10EAB, 0x10EAC }, { 0x10F46, 0x10F50 },
	{ 0x10F82, 0x10F85 }, { 0x11001, 0x11001 }, { 0x11038, 0x11046 }, { 0x11070, 0x11070 },
	{ 0x11073, 0x11074 }, { 0x1107F, 0x11081 }, { 0x110B3, 0x110B6 }, { 0x110B9, 0x110BA },
	{ 0x110BD, 0x110BD }, { 0x110C2, 0x110CD }, { 0x11100, 0x11102 }, { 0x11127, 0x1112B },
	{ 0x1112D, 0x11134 }, { 0x11173, 0x11173 }, { 0x11180, 0x11181 }, { 0x111B6, 0x111BE },
	{ 0x111C9, 0x111CC }, { 0x111CF, 0x111CF }, { 0x1122F, 0x11231 }, { 0x11234, 0x11234 },
	{ 0x11236, 0x11237 }, { 0x1123E, 0x1123E }, { 0x112DF, 0x112DF }, { 0x112E3, 0x112EA },
	{ 0x11300, 0x11301 }, { 0x1133B, 0x1133C }, { 0x11340, 0x11340 }, { 0x11366, 0x11374 },
	{ 0x11438, 0x1143F }, { 0x11442, 0x11444 }, { 0x11446, 0x11446 }, { 0x1145E, 0x1145E },
	{ 0x114B3, 0x114B8 }, { 0x114BA, 0x114BA }, { 0x114BF, 0x114C0 }, { 0x114C2, 0x114C3 },
	{ 0x115B2, 0x115B5 }, { 0x115BC, 0x115BD }, { 0x115BF, 0x115C0 }, { 0x115DC, 0x115DD },
	{ 0x11633, 0x1163A }, { 0x1163D, 0x1163D }, { 0x1163F, 0x11640 }, { 0x116AB, 0x116AB },
	{ 0x116AD, 0x116AD }, { 0x116B0, 0x116B5 }, { 0x116B7, 0x116B7 }, { 0x1171D, 0x1171F },
	{ 0x11722, 0x11725 }, { 0x11727, 0x1172B }, { 0x1182F, 0x11837 }, { 0x11839, 0x1183A },
	{ 0x1193B, 0x1193C }, { 0x1193E, 0x1193E }, { 0x11943, 0x11943 }, { 0x119D4, 0x119DB },
	{ 0x119E0, 0x119E0 }, { 0x11A01, 0x11A0A }, { 0x11A33, 0x11A38 }, { 0x11A3B, 0x11A3E },
	{ 0x11A47, 0x11A47 }, { 0x11A51, 0x11A56 }, { 0x11A59, 0x11A5B }, { 0x11A8A, 0x11A96 },
	{ 0x11A98, 0x11A99 }, { 0x11C30, 0x11C3D }, { 0x11C3F, 0x11C3F }, { 0x11C92, 0x11CA7 },
	{ 0x11CAA, 0x11CB0 }, { 0x11CB2, 0x11CB3 }, { 0x11CB5, 0x11CB6 }, { 0x11D31, 0x11D45 },
	{ 0x11D47, 0x11D47 }, { 0x11D90, 0x11D91 }, { 0x11D95, 0x11D95 }, { 0x11D97, 0x11D97 },
	{ 0x11EF3, 0x11EF4 }, { 0x13430, 0x13438 }, { 0x16AF0, 0x16AF4 }, { 0x16B30, 0x16B36 },
	{ 0x16F4F, 0x16F4F }, { 0x16F8F, 0x16F92 }, { 0x16FE4, 0x16FE4 }, { 0x1BC9D, 0x1BC9E },
	{ 0x1BCA0, 0x1CF46 }, { 0x1D167, 0x1D169 }, { 0x1D173, 0x1D182 }, { 0x1D185, 0x1D18B },
	{ 0x1D1AA, 0x1D1AD }, { 0x1D242, 0x1D244 }, { 0x1DA00, 0x1DA36 }, { 0x1DA3B, 0x1DA6C },
	{ 0x1DA75, 0x1DA75 }, { 0x1DA84, 0x1DA84 }, { 0x1DA9B, 0x1DAAF }, { 0x1E000, 0x1E02A },
	{ 0x1E130, 0x1E136 }, { 0x1E2AE, 0x1E2AE }, { 0x1E2EC, 0x1E2EF }, { 0x1E8D0, 0x1E8D6 },
	{ 0x1E944, 0x1E94A }, { 0xE0001, 0xE01EF },
};

static const struct cp_range wide[] = {
	{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A }, { 0x23E9, 0x23EC },
	{ 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 }, { 0x25FD, 0x25FE }, { 0x2614, 0x2615 },
	{ 0x2648, 0x2653 }, { 0x267F, 0x267F }, { 0x2693, 0x2693 }, { 0x26A1, 0x26A1 },
	{ 0x26AA, 0x26AB }, { 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 }, { 0x26CE, 0x26CE },
	{ 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA }, { 0x26F2, 0x26F3 }, { 0x26F5, 0x26F5 },
	{ 0x26FA, 0x26FA }, { 0x26FD, 0x26FD }, { 0x2705, 0x2705 }, { 0x270A, 0x270B },
	{ 0x2728, 0x2728 }, { 0x274C, 0x274C }, { 0x274E, 0x274E }, { 0x2753, 0x2755 },
	{ 0x2757, 0x2757 }, { 0x2795, 0x2797 }, { 0x27B0, 0x27B0 }, { 0x27BF, 0x27BF },
	{ 0x2B1B, 0x2B1C }, { 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 }, { 0x2E80, 0x303E },
	{ 0x3041, 0x3247 }, { 0x3250, 0x4DBF }, { 0x4E00, 0xA4C6 }, { 0xA960, 0xA97C },
	{ 0xAC00, 0xD7A3 }, { 0xF900, 0xFAD9 }, { 0xFE10, 0xFE19 }, { 0xFE30, 0xFE6B },
	{ 0xFF01, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x16FE0, 0x1B2FB }, { 0x1F004, 0x1F004 },
	{ 0x1F0CF, 0x1F0CF }, { 0x1F18E, 0x1F18E }, { 0x1F191, 0x1F19A }, { 0x1F200, 0x1F320 },
	{ 0x1F32D, 0x1F335 }, { 0x1F337, 0x1F37C }, { 0x1F37E, 0x1F393 }, { 0x1F3A0, 0x1F3CA },
	{ 0x1F3CF, 0x1F3D3 }, { 0x1F3E0, 0x1F3F0 }, { 0x1F3F4, 0x1F3F4 }, { 0x1F3F8, 0x1F43E },
	{ 0x1F440, 0x1F440 }, { 0x1F442, 0x1F4FC }, { 0x1F4FF, 0x1F53D }, { 0x1F54B, 0x1F54E },
	{ 0x1F550, 0x1F567 }, { 0x1F57A, 0x1F57A }, { 0x1F595, 0x1F596 }, { 0x1F5A4, 0x1F5A4 },
	{ 0x1F5FB, 0x1F64F }, { 0x1F680, 0x1F6C5 }, { 0x1F6CC, 0x1F6CC }, { 0x1F6D0, 0x1F6D2 },
	{ 0x1F6D5, 0x1F6DF }, { 0x1F6EB, 0x1F6EC }, { 0x1F6F4, 0x1F6FC }, { 0x1F7E0, 0x1F7F0 },
	{ 0x1F90C, 0x1F93A }, { 0x1F93C, 0x1F945 }, { 0x1F947, 0x1F9FF }, { 0x1FA70, 0x1FAF6 },
	{ 0x20000, 0x3FFFD },
};





#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- UTF-8 ------------------------------------------------------------- */

size_t text_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	if (len == 0) {
		*cp = TEXT_BAD_CP;
		return 0;
	}
	unsigned char c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t n;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2, v = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3, v = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4, v = c & 0x07, min = 0x10000;
	} else {
		*cp = TEXT_BAD_CP;
		return 1;
	}
	if (len < n) {
		*cp = TEXT_BAD_CP;
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*cp = TEXT_BAD_CP;
			return 1;
		}
		v = (v << 6) | (p[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = TEXT_BAD_CP;
		return 1;
	}
	*cp = v;
	return n;
}

bool text_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	size_t i = 0;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t n = text_utf8_decode(s + i, len - i, &cp);
		if (cp == TEXT_BAD_CP) {
			if (bad_offset)
				*bad_offset = i;
			return false;
		}
		i += n;
	}
	if (bad_offset)
		*bad_offset = len;
	return true;
}

size_t text_utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp <= 0x10FFFF) {
		out[0] = (char)(0xF0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[3] = (char)(0x80 | (cp & 0x3F));
		return 4;
	}
	return 0;
}

/* ---- character properties ---------------------------------------------- */

static bool in_ranges(const struct cp_range *r, size_t n, uint32_t cp)
{
	if (cp < r[0].first || cp > r[n - 1].last)
		return false;
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < r[mid].first)
			hi = mid;
		else if (cp > r[mid].last)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}





uint32_t text_cp_lower(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 32;
	if (cp >= 0x100 && cp <= 0x17F) {
		if (cp == 0x130)
			return 'i';
		if (cp == 0x178)
			return 0xFF;
		if ((cp <= 0x137 || (cp >= 0x14A && cp <= 0x177)) && cp % 2 == 0)
			return cp + 1;
		if (((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) && cp % 2 == 1)
			return cp + 1;
		return cp;
	}
	if (cp == 0x1A0 || cp == 0x1AF)
		return cp + 1;
	if (cp >= 0x1CD && cp <= 0x1DC && cp % 2 == 1)
		return cp + 1;
	if (((cp >= 0x1E00 && cp <= 0x1E95) || (cp >= 0x1EA0 && cp <= 0x1EFF)) && cp % 2 == 0)
		return cp + 1;
	if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
		return cp + 32;
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 80;
	return cp;
}

int text_cp_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF)) /* Latin, Vietnamese letters */
		return 1;
	if (cp == TEXT_BAD_CP)
		return 1;
	if (in_ranges(zero_width, COUNT(zero_width), cp))
		return 0;
	if (cp >= 0x1100 && in_ranges(wide, COUNT(wide), cp))
		return 2;
	return 1;
}

static bool is_space(uint32_t cp)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
	       cp == 0x205F || cp == 0x3000;
}

/* ---- lowercase, fold ------------------------------------------------------ */

size_t text_lower(char *out, const char *s, size_t len)
{
	size_t i = 0, o = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			out[o++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = text_utf8_decode(s + i, len - i, &cp);
		uint32_t lo = cp == TEXT_BAD_CP ? cp : text_cp_lower(cp);
		if (lo == cp) {
			memcpy(out + o, s + i, k);
			o += k;
		} else {
			o += text_utf8_encode(lo, out + o);
		}
		i += k;
	}
	out[o] = '\0';
	return o;
}

char *text_lower_dup(const char *s)
{
	size_t len = strlen(s);
	char *out = xmalloc(len + 1);
	text_lower(out, s, len);
	return out;
}

size_t text_fold(char *out, const char *s, size_t len)
{
	size_t i = 0, o = 0;
	bool space = false;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t k;
		if (c < 0x80) {
			cp = c;
			k = 1;
		} else {
			k = text_utf8_decode(s + i, len - i, &cp);
		}
		i += k;
		if (is_space(cp)) {
			space = o > 0;
			continue;
		}
		if (cp == TEXT_BAD_CP) {
			cp = '?';
		} else if (cp >= 0x80 || cp < 0x20 || cp == 0x7F) {
			if (text_cp_width(cp) == 0)
				continue;
			uint32_t d[4];
			text_decompose(cp, d);
			cp = text_cp_lower(d[0]);
			if (cp == 0x111)
				cp = 'd';
		} else if (cp >= 'A' && cp <= 'Z') {
			cp += 32;
		}
		if (space) {
			out[o++] = ' ';
			space = false;
		}
		o += text_utf8_encode(cp, out + o);
	}
	out[o] = '\0';
	return o;
}

char *text_fold_dup(const char *s)
{
	size_t len = strlen(s);
	char *out = xmalloc(len + 1);
	text_fold(out, s, len);
	return out;
}

/* ---- width, truncation ---------------------------------------------------- */

/* The columns of a letter that needs no table: Latin U+00A0–U+02FF and
 * Vietnamese U+1E80–U+1EFF take one; returns its length, or 0. */
static size_t one_column_letter(const unsigned char *p, size_t avail)
{
	if (p[0] >= 0xC2 && p[0] <= 0xCB && avail >= 2 && p[1] >= (p[0] == 0xC2 ? 0xA0 : 0x80) && p[1] <= 0xBF)
		return 2;
	if (p[0] == 0xE1 && avail >= 3 && (p[1] == 0xBA || p[1] == 0xBB) && p[2] >= 0x80 && p[2] <= 0xBF)
		return 3;
	return 0;
}

size_t text_width(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, w = 0;
	while (i < len) {
		if (p[i] < 0x80) {
			w += (p[i] >= 0x20 && p[i] != 0x7F);
			i++;
			continue;
		}
		size_t k = one_column_letter(p + i, len - i);
		if (k) {
			w++;
			i += k;
			continue;
		}
		uint32_t cp;
		i += text_utf8_decode(s + i, len - i, &cp);
		w += (size_t)text_cp_width(cp);
	}
	return w;
}

/* ---- sanitize ------------------------------------------------------------- */

bool text_cp_is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Vietnamese letters and combining marks (U+00C0–U+07FF, U+1000–U+1FFF)
 * hold nothing to clean: a valid sequence there is copied without decoding.
 * Returns its length, or 0 for anything else. */
static size_t plain_letter(const unsigned char *p, const unsigned char *end)
{
	if (p[0] >= 0xC3 && p[0] <= 0xDF && end - p >= 2 && (p[1] & 0xC0) == 0x80)
		return 2;
	if (p[0] == 0xE1 && end - p >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
		return 3;
	return 0;
}

size_t text_sanitize(char *out, const char *s, size_t len, unsigned flags)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	char nl = flags & TEXT_MULTILINE ? '\n' : ' ', tab = flags & TEXT_MULTILINE ? '\t' : ' ';
	char *o = out;
	while (p < end) {
		const unsigned char *q = p;
		while (q < end && *q >= 0x20 && *q < 0x7F)
			q++;
		if (q > p) {
			memcpy(o, p, (size_t)(q - p));
			o += q - p;
			p = q;
			continue;
		}
		size_t n = plain_letter(p, end);
		if (n) { /* 2 or 3 bytes, copied without a call */
			*o++ = (char)*p++;
			*o++ = (char)*p++;
			if (n == 3)
				*o++ = (char)*p++;
			continue;
		}
		if (*p < 0x80) { /* CR LF is one line break; other C0 controls and DEL go */
			if (*p == '\r' || *p == '\n' || *p == 0x0B || *p == 0x0C)
				*o++ = nl;
			else if (*p == '\t')
				*o++ = tab;
			p += *p == '\r' && p + 1 < end && p[1] == '\n' ? 2 : 1;
			continue;
		}
		uint32_t cp;
		n = text_utf8_decode((const char *)p, (size_t)(end - p), &cp);
		if (cp == TEXT_BAD_CP) {
			*o++ = '?';
		} else if (cp == 0x2028 || cp == 0x2029) { /* line and paragraph separators */
			*o++ = nl;
		} else if (cp >= 0xA0 && !text_cp_is_bidi_control(cp)) { /* C1 controls go */
			memcpy(o, p, n);
			o += n;
		}
		p += n;
	}
	*o = '\0';
	return (size_t)(o - out);
}

bool text_needs_sanitize(const char *s, size_t len)
{
	bool high = false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7F)
			return true;
		if (c < 0x80)
			continue;
		high = true;
		if (i + 1 < len) {
			unsigned char d = (unsigned char)s[i + 1];
			if (c == 0xC2 && d >= 0x80 && d < 0xA0) /* C1 */
				return true;
			if (c == 0xE2 && i + 2 < len) { /* U+2028-U+202E, U+2066-U+2069 */
				unsigned char e = (unsigned char)s[i + 2];
				if ((d == 0x80 && e >= 0xA8 && e <= 0xAE) || (d == 0x81 && e >= 0xA6 && e <= 0xA9))
					return true;
			}
		}
	}
	return high && !text_utf8_valid(s, len, NULL);
}

char *text_sanitize_dup(const char *s, unsigned flags)
{
	size_t len = strlen(s);
	char *out = xmalloc(len + 1);
	text_sanitize(out, s, len, flags);
	return out;
}

/* ---- what is stored ------------------------------------------------------- */

char *text_entry(const char *what, const char *s, unsigned flags, char *err)
{
	size_t len = strlen(s), bad;
	if (!text_utf8_valid(s, len, &bad)) {
		err_set(err, VI ? "%s: không phải UTF-8 hợp lệ (byte %zu)" : "%s: not valid UTF-8 (byte %zu)", what, bad + 1);
		return NULL;
	}
	char *clean = xmalloc(len + 1), *out = xmalloc(len + 1);
	size_t n = text_sanitize(clean, s, len, flags & TEXT_MULTILINE);
	n = text_nfc(out, clean, n);
	free(clean);
	/* trim white space around; blank when nothing visible is left */
	size_t first = n, last = 0;
	bool visible = false;
	for (size_t i = 0, k; i < n; i += k) {
		uint32_t cp;
		k = text_utf8_decode(out + i, n - i, &cp);
		if (is_space(cp))
			continue;
		if (first == n)
			first = i;
		last = i + k;
		visible = visible || text_cp_width(cp) > 0;
	}
	if (!visible && (flags & TEXT_OPTIONAL)) {
		out[0] = '\0';
		return out;
	}
	if (!visible) {
		free(out);
		err_set(err, VI ? "%s để trống" : "%s is blank", what);
		return NULL;
	}
	memmove(out, out + first, last - first);
	out[last - first] = '\0';
	return out;
}

uint32_t text_cp_upper(uint32_t c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 0xe0 && c <= 0xfe && c != 0xf7))
		return c - 0x20;
	if (c == 0x1a1 || c == 0x1b0)
		return c - 1;
	if (((c >= 0x100 && c <= 0x17f) || (c >= 0x1ea0 && c <= 0x1ef9)) && (c & 1))
		return c - 1;
	return c;
}

static uint32_t first_cp(const char *s, size_t *len)
{
	uint32_t cp;
	size_t n = text_utf8_decode(s, strnlen(s, 4), &cp);
	if (len)
		*len = n;
	return n ? cp : 0;
}

bool text_starts_upper(const char *s)
{
	uint32_t cp = first_cp(s, NULL);
	return cp && cp != TEXT_BAD_CP && text_cp_lower(cp) != cp;
}

bool text_starts_lower(const char *s)
{
	uint32_t cp = first_cp(s, NULL);
	return cp && cp != TEXT_BAD_CP && text_cp_upper(cp) != cp;
}

bool text_has_upper(const char *s)
{
	for (size_t n = 0; *s; s += n ? n : 1) {
		if (text_starts_upper(s))
			return true;
		first_cp(s, &n);
	}
	return false;
}

bool text_has_lower(const char *s)
{
	for (size_t n = 0; *s; s += n ? n : 1) {
		if (text_starts_lower(s))
			return true;
		first_cp(s, &n);
	}
	return false;
}

void text_capitalise(char *s)
{
	size_t n;
	uint32_t c = first_cp(s, &n), up = text_cp_upper(c);
	char enc[4];
	if (n && up != c && text_utf8_encode(up, enc) == n)
		memcpy(s, enc, n);
}

bool text_starts_with(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

bool text_ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return n >= t && strncmp(s + n - t, tail, t) == 0;
}

/* A code point that belongs to the character before it: a combining mark, a
 * zero-width joiner or a variation selector (not a control). */
static bool attaches(uint32_t cp)
{
	return cp >= 0x300 && cp != TEXT_BAD_CP && text_cp_width(cp) == 0;
}

/* One displayed unit at s: a character (or an invalid byte, shown as '?') with
 * the marks that attach to it. Returns its length in s; sets its width and the
 * bytes it takes in the output. */
static size_t cluster_next(const char *s, size_t len, size_t *width, size_t *outbytes)
{
	uint32_t cp;
	size_t i = text_utf8_decode(s, len, &cp);
	*width = (size_t)text_cp_width(cp);
	*outbytes = cp == TEXT_BAD_CP ? 1 : i;
	if (cp == TEXT_BAD_CP || cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return i;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80)
			break;
		size_t k = text_utf8_decode(s + i, len - i, &cp);
		if (!attaches(cp))
			break;
		i += k;
		*outbytes += k;
	}
	return i;
}

static size_t copy_cluster(char *out, const char *s, size_t n)
{
	uint32_t cp;
	text_utf8_decode(s, n, &cp);
	if (cp == TEXT_BAD_CP) {
		out[0] = '?';
		return 1;
	}
	memcpy(out, s, n);
	return n;
}

size_t text_truncate(char *out, size_t outsize, const char *s, size_t len, size_t width)
{
	if (outsize == 0)
		return 0;
	size_t cap = outsize - 1;
	size_t i = 0, w = 0, b = 0;
	while (i < len && w <= width && b <= cap) {
		size_t cw, cb;
		i += cluster_next(s + i, len - i, &cw, &cb);
		w += cw;
		b += cb;
	}
	if (i >= len && w <= width && b <= cap) {
		size_t o = 0;
		i = 0;
		while (i < len) {
			size_t cw, cb;
			size_t n = cluster_next(s + i, len - i, &cw, &cb);
			o += copy_cluster(out + o, s + i, n);
			i += n;
		}
		out[o] = '\0';
		return o;
	}
	static const char ellipsis[] = "\xE2\x80\xA6";
	if (width == 0 || cap < 3) {
		out[0] = '\0';
		return 0;
	}
	size_t budget_w = width - 1, budget_b = cap - 3;
	size_t o = 0;
	w = 0;
	i = 0;
	while (i < len) {
		size_t cw, cb;
		size_t n = cluster_next(s + i, len - i, &cw, &cb);
		if (w + cw > budget_w || o + cb > budget_b)
			break;
		o += copy_cluster(out + o, s + i, n);
		w += cw;
		i += n;
	}
	memcpy(out + o, ellipsis, 3);
	o += 3;
	out[o] = '\0';
	return o;
}
