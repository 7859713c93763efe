// The system libcurl (Debian's libcurl4), loaded with dlopen the first time a notification is sent, so commands
// that never send one (`check`, `probe`, `--version`) do not load it and the two dozen libraries it links.
// libcurl4-openssl-dev provides the header at build time; the functions here call through the loaded library.
// The typed setopt/getinfo wrappers exist because Swift cannot call C's variadic functions.
#ifndef IMAPWATCH_CURL_H
#define IMAPWATCH_CURL_H

#include <curl/curl.h>

/// The signature of CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION.
typedef size_t (*imapwatch_curl_data_callback)(char *data, size_t size, size_t count, void *context);

/// Loads libcurl and runs curl_global_init, once per process (thread-safe); later calls return the first
/// outcome. NULL when libcurl is ready, otherwise why not, as text that lives as long as the process.
const char *imapwatch_curl_load(void);

// Each of these requires a successful imapwatch_curl_load() first; without one they fail as libcurl would
// (NULL handle, CURLE_FAILED_INIT) and do nothing else.
CURL *imapwatch_curl_easy_init(void);
void imapwatch_curl_easy_cleanup(CURL *handle);
CURLcode imapwatch_curl_easy_perform(CURL *handle);
const char *imapwatch_curl_easy_strerror(CURLcode code);
struct curl_slist *imapwatch_curl_slist_append(struct curl_slist *list, const char *text);
void imapwatch_curl_slist_free_all(struct curl_slist *list);
CURLcode imapwatch_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode imapwatch_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode imapwatch_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode imapwatch_curl_setopt_list(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode imapwatch_curl_setopt_data_callback(CURL *handle, CURLoption option, imapwatch_curl_data_callback value);
CURLcode imapwatch_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);

#endif
