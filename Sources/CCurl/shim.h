// The system libcurl (Debian's libcurl4-openssl-dev), with typed wrappers for its variadic functions, which Swift
// cannot call: one wrapper per argument type curl_easy_setopt and curl_easy_getinfo take.
#ifndef IMAPWATCH_CCURL_SHIM_H
#define IMAPWATCH_CCURL_SHIM_H

#include <curl/curl.h>

/// The signature of CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION.
typedef size_t (*imapwatch_curl_data_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode imapwatch_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode imapwatch_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode imapwatch_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode imapwatch_curl_setopt_list(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode imapwatch_curl_setopt_data_callback(
    CURL *handle, CURLoption option, imapwatch_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode imapwatch_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
