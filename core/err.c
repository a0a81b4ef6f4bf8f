#include "core/err.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"

int err_set(char *err, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, ERR_MAX, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* The reasons a clerk meets (a file missing, no permission, a full disk);
 * NULL for the others. */
static const char *reason_vi(int errnum)
{
	switch (errnum) {
	case ENOENT: return "không có tệp hoặc thư mục này";
	case EACCES: return "không có quyền truy cập";
	case EPERM: return "không được phép";
	case ENOSPC: return "ổ đĩa đã đầy";
	case EDQUOT: return "đã hết hạn mức dung lượng";
	case EROFS: return "ổ đĩa chỉ cho phép đọc";
	case EISDIR: return "đây là một thư mục";
	case ENOTDIR: return "một phần của đường dẫn không phải thư mục";
	case EEXIST: return "đã tồn tại";
	case EIO: return "lỗi đọc ghi trên thiết bị";
	case ENOMEM: return "không đủ bộ nhớ";
	case ELOOP: return "quá nhiều tầng liên kết tượng trưng";
	case ENAMETOOLONG: return "tên tệp quá dài";
	case EMFILE: case ENFILE: return "đang mở quá nhiều tệp";
	case EBUSY: case ETXTBSY: return "tệp đang được sử dụng";
	case EXDEV: return "không chuyển được giữa hai ổ đĩa";
	case EPIPE: return "đầu nhận đã đóng";
	case EFBIG: return "tệp quá lớn";
	case EINVAL: return "tham số không hợp lệ";
	default: return NULL;
	}
}

const char *err_reason(int errnum)
{
	static _Thread_local char other[48];
	if (!VI)
		return strerror(errnum);
	const char *vi = reason_vi(errnum);
	if (vi)
		return vi;
	snprintf(other, sizeof other, "lỗi hệ thống số %d", errnum);
	return other;
}
