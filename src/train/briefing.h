/*
 * briefing.h - a lesson's pre-flight briefing as a trainee reads it before
 * the sortie: the lesson's own briefing text, where and how the sortie
 * starts (position, altitude, speed, fuel, wind), and for each exercise
 * what is graded in plain words with its tolerance and the published
 * standard it comes from, and how marks and the sortie's result follow
 * (grade.h's rules).  Standards known before the flight are what make the
 * grade fair: the trainee flies to the same numbers the grader uses.
 */
#ifndef SAQR_TRAIN_BRIEFING_H
#define SAQR_TRAIN_BRIEFING_H

#include <stddef.h>
#include <stdio.h>

#include "train/lesson.h"

/* A graded element's standard in words (UTF-8), into buf: "45 \u00b15 deg", "within
 * 100 ft of the value at the exercise's entry", "500 to 900 ft", "no lower
 * than -360 fpm", "no higher than 1.5 g"; then when it is judged ("at the
 * end of the exercise", "at the touchdown", "held from when agl-ft le
 * 500", "held throughout"). */
void briefing_standard_text(const lesson_grade *g, char *buf, size_t size);

/* The briefing as a self-contained HTML page (every text from the lesson
 * file escaped).  0, or -1 when the stream failed. */
int briefing_write_html(const lesson *l, FILE *f);

#endif
