/*
 * app_paths.h - where the `saqr` command finds its data: the aircraft,
 * lessons and web pages (the root) and data/ (airports, controls, NASA's
 * cases).  Installed (`make install`: PREFIX/bin/saqr), the data are
 * PREFIX/share/saqr beside it, found from the program's own path; run
 * from a build of the tree, the tree it was built in (docs/embedding.md).
 */
#ifndef SAQR_APP_PATHS_H
#define SAQR_APP_PATHS_H

typedef enum app_path {
    APP_ROOT,      /* aircraft/, lessons/, web/dist/                   */
    APP_LESSONS,   /* ROOT/lessons                                     */
    APP_WEB,       /* ROOT/web/dist                                    */
    APP_AIRPORTS,  /* data/airports.xml                                */
    APP_CONTROLS,  /* data/controls.xml                                */
    APP_NASA,      /* data/nasa                                        */
    APP_PATH_COUNT
} app_path;

/* The path, worked out at the first call; never NULL. */
const char *app_path_get(app_path which);

#endif
