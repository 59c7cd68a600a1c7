/** Origins of the preflight-routing scenario; every policy names a different one, so a preflight shows which route judged it. */
export const A = 'https://a.example.com';
export const B = 'https://b.example.com';
export const X = 'https://x.example.com';
export const Y = 'https://y.example.com';
export const EVIL = 'https://evil.example.net';
