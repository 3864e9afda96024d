#ifndef PAGEAUDIT_CLIBXML2_SHIM_H
#define PAGEAUDIT_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, and Foundation bundles its own ICU: a module that sees both
   fails with "'UErrorCode' has different definitions". We never use libxml2's ICU API. */
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>

/* Swift 6 rejects touching the global function pointer xmlFree (not concurrency-safe). */
static inline void pageaudit_xml_free(void *pointer) { xmlFree(pointer); }

/* Silences libxml2's generic error handler, which otherwise prints parser complaints about
   hostile pages to stderr. */
static void pageaudit_xml_ignore_error(void *context, const char *message, ...) {
    (void)context; (void)message;
}
static inline void pageaudit_xml_silence_errors(void) {
    xmlSetGenericErrorFunc(NULL, pageaudit_xml_ignore_error);
}

#endif
