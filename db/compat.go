package db

import "vendorvet/rubric"

// UserMessage is usermsg.For, kept for the callers not yet moved to it; package
// usermsg sets it when it is linked in (db cannot import it). Use usermsg.For.
var UserMessage func(err error, lang rubric.Lang) string
