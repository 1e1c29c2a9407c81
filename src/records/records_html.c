/*
 * records_html.c - the records' printable pages' style sheet (see
 * records_html.h).
 */
#include "records/records_html.h"

const char records_html_css[] =
    "body{font-family:sans-serif;margin:2em;max-width:60em;font-size:11pt}"
    "table{border-collapse:collapse;width:100%;margin-bottom:1em}td,th{border:1px solid #999;padding:2px 6px;"
    "text-align:left;vertical-align:top}th{background:#eee}.num{text-align:right}"
    ".passed{color:#14622c;font-weight:bold}.due{font-weight:bold}.demo{color:#555;font-style:italic}"
    ".hard{background:#fde8e4}.comment{white-space:pre-wrap}"
    "dl{display:grid;grid-template-columns:max-content auto;gap:2px 1em}dt{font-weight:bold}dd{margin:0}"
    ".sign td{height:3em;width:33%}"
    ".trend td{white-space:nowrap}.t-e{background:#c8ecd2}.t-g{background:#e2f4d6}.t-f{background:#fff0c2}"
    ".t-u{background:#f6c9c4}.t-n{color:#777}"
    "@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr,.keep{break-inside:avoid}}";
