package cli

import (
	"context"
	"errors"
	"strconv"

	"vendorvet/db"
	"vendorvet/usermsg"
)

// dbPath is where the database is: --db, else $VENDORVET_DB, else the default.
func (c *cli) dbPath() (string, error) {
	if c.dbFlag != "" {
		return c.dbFlag, nil
	}
	if p := c.getenv("VENDORVET_DB"); p != "" {
		return p, nil
	}
	p, err := db.DefaultPath()
	if err != nil {
		return "", c.failf(err, "找不到存放数据库的用户数据目录（%v），请用 --db 指定文件。",
			"Cannot find a user data folder for the database (%v); name a file with --db.", err)
	}
	return p, nil
}

// storeError explains a failure of the database in the store's own words.
func (c *cli) storeError(err error) error {
	return &userError{msg: usermsg.For(err, c.lang), err: err}
}

// withStore runs f on the open store and closes it, reporting a failed close.
func (c *cli) withStore(f func(ctx context.Context, store *db.Store) error) error {
	return c.withStoreOpenedBy(db.Open, f)
}

// withStoreOpenedBy is withStore with the store the user chose opened by open.
func (c *cli) withStoreOpenedBy(open func(string) (*db.Store, error), f func(ctx context.Context, store *db.Store) error) (err error) {
	path, err := c.dbPath()
	if err != nil {
		return err
	}
	store, err := open(path)
	if err != nil {
		return c.storeError(err)
	}
	defer func() {
		if cerr := store.Close(); cerr != nil && err == nil {
			err = c.failf(cerr, "关闭数据库失败：%v", "Closing the database failed: %v", cerr)
		}
	}()
	return f(context.Background(), store)
}

// sessionID reads a session's ID as typed on the command line.
func (c *cli) sessionID(arg string) (int64, error) {
	id, err := strconv.ParseInt(arg, 10, 64)
	if err != nil || id < 1 {
		return 0, c.usagef("会话编号应为正整数（运行 vendorvet list 查看），而不是 %q。",
			"A session ID is a positive whole number (see vendorvet list), not %q.", arg)
	}
	return id, nil
}

// session loads session id, or says there is none.
func (c *cli) session(ctx context.Context, store *db.Store, id int64) (*db.Session, error) {
	sess, err := store.Session(ctx, id)
	if errors.Is(err, db.ErrNotFound) {
		return nil, c.failf(err, "没有编号为 %d 的会话（运行 vendorvet list 查看已有会话）。",
			"There is no session %d (run vendorvet list to see the sessions).", id)
	}
	if err != nil {
		return nil, c.storeError(err)
	}
	return sess, nil
}

// allSessions is every session's line of the list, page by page.
func (c *cli) allSessions(ctx context.Context, store *db.Store) ([]db.SessionSummary, error) {
	var all []db.SessionSummary
	for {
		page, err := store.ListSessions(ctx, "", len(all), listPage)
		if err != nil {
			return nil, c.storeError(err)
		}
		all = append(all, page...)
		if len(page) < listPage {
			return all, nil
		}
	}
}
