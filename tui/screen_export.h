/* screen_export: the screen's x: exactly what the list shows (its agency,
 * class filter and search) to an .ics file, never over the export_file
 * others subscribe to when it is a part of the calendar; the tasks the list
 * shows without a deadline, which a calendar cannot take, are counted and
 * said. */
#ifndef HANCHOT_SCREEN_EXPORT_H
#define HANCHOT_SCREEN_EXPORT_H

struct app;

/* Opens the prompt for the file, saying how many tasks when the list shows
 * a part of them. */
void screen_export_offer(struct app *app);
/* Exports what the list shows into path; says how many and where. */
void screen_export(struct app *app, const char *path);

#endif
