#include "tui/msg.h"

#define MSG_ROW(id, vi, en) [id] = { vi, en },
static const struct {
	const char *vi, *en;
} catalogue[MSG_COUNT] = { MSG_LIST(MSG_ROW) };

const char *msg(enum msg_id id, enum lang lang)
{
	if ((unsigned)id >= MSG_COUNT)
		return "?";
	return lang == LANG_EN ? catalogue[id].en : catalogue[id].vi;
}
