#ifndef PAGEAUDIT_CCURL_SHIM_H
#define PAGEAUDIT_CCURL_SHIM_H
#include <curl/curl.h>
#include <sys/socket.h>
#include <netinet/in.h>

/* curl_easy_setopt, curl_multi_setopt and curl_easy_getinfo are C variadics, which Swift cannot
   call: these typed wrappers are the whole bridge. */
static inline CURLcode pageaudit_curl_set_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pageaudit_curl_set_offt(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pageaudit_curl_set_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pageaudit_curl_set_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pageaudit_curl_set_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode pageaudit_curl_set_blob(CURL *h, CURLoption o, struct curl_blob *v) { return curl_easy_setopt(h, o, v); }

typedef size_t (*pageaudit_data_callback)(char *, size_t, size_t, void *);
static inline CURLcode pageaudit_curl_set_data_callback(CURL *h, CURLoption o, pageaudit_data_callback f) { return curl_easy_setopt(h, o, f); }

typedef curl_socket_t (*pageaudit_opensocket_callback)(void *, curlsocktype, struct curl_sockaddr *);
static inline CURLcode pageaudit_curl_set_opensocket(CURL *h, pageaudit_opensocket_callback f) {
    return curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, f);
}

typedef int (*pageaudit_debug_callback)(CURL *, curl_infotype, char *, size_t, void *);
static inline CURLcode pageaudit_curl_set_debug(CURL *h, pageaudit_debug_callback f) { return curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, f); }

static inline CURLcode pageaudit_curl_get_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode pageaudit_curl_get_offt(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode pageaudit_curl_get_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode pageaudit_curl_get_private(CURL *h, void **v) { return curl_easy_getinfo(h, CURLINFO_PRIVATE, v); }

static inline CURLMcode pageaudit_curl_multi_set_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

/* Reads the IP family and address out of a sockaddr for the address veto. Returns 4 or 6 and fills
   `bytes` (4 or 16 bytes), or 0 for other families. */
static inline int pageaudit_sockaddr_bytes(struct curl_sockaddr *address, unsigned char *bytes) {
    if (address->family == AF_INET) {
        struct sockaddr_in *in4 = (struct sockaddr_in *)&address->addr;
        __builtin_memcpy(bytes, &in4->sin_addr, 4);
        return 4;
    }
    if (address->family == AF_INET6) {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&address->addr;
        __builtin_memcpy(bytes, &in6->sin6_addr, 16);
        return 6;
    }
    return 0;
}
#endif
