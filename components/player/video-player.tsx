'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useEffectEvent, useRef, useState, useSyncExternalStore, type KeyboardEvent, type PointerEvent } from 'react';
import { cn } from '@/components/ui/cn';
import type { BeatAck } from '@/lib/learning/beat-protocol';
import { getBeatQueue } from '@/lib/player/beat-queue';
import { BeatReporter } from '@/lib/player/beat-reporter';
import { SPEEDS, commandForKey, pickCaption, snapSpeed, stepSpeed, type PlayerCommand } from '@/lib/player/controls';
import { formatRate, formatTime, plainCueText } from '@/lib/player/format';
import { PlaybackFetchError, fetchPlayback, type PlayerPlayback } from '@/lib/player/playback';
import { attachSource, type QualityLevel, type SourceHandle } from '@/lib/player/source';
import { parseStoryboard, type StoryboardTile } from '@/lib/player/storyboard';
import { PlayerIcon, SkipIcon } from './icons';
import { PlayerMenu } from './player-menu';
import { SeekBar } from './seek-bar';
import { ShortcutsDialog } from './shortcuts-dialog';
import { UpNextCard } from './up-next-card';

// The learning view's player: our own controls on a <video>, HLS through hls.js, playback beats
// through BeatReporter + the persistent beat queue. Mount it with `key={videoId}` so a new video
// starts from a clean state. The poster (signed on the server) is all a page view shows: the
// playback answer (view, resume position, captions, speed) is fetched at mount, but the source —
// and with it hls.js, about 110 KiB gzip — is attached only on the first intent to play (the play
// buttons, a click on the picture, Space/K, or a play() from the system's media controls).

export type VideoPlayerProps = {
  videoId: string;
  /** The lesson being watched; without it the server starts no view (no beats, no resume). */
  lessonId?: string;
  title: string;
  upNext?: { title: string; href: string } | null;
  /** The lesson's progress after each acknowledged batch of beats. */
  onProgress?: (p: BeatAck['progress']) => void;
  onEnded?: () => void;
  /** Remembers the viewer's speed and caption language (a server action). */
  savePrefs?: (p: { rate?: number; captionLang?: string | null }) => void;
  /** A signed poster URL rendered with the page, so the first paint needs no playback fetch. */
  poster?: string | null;
};

type ErrorKind = 'network' | 'notFound' | 'media' | 'unsupported' | 'processing' | 'generic';
type Menu = 'speed' | 'captions' | 'quality';
type Restore = { at: number; play: boolean };

const VOLUME_KEY = 'lectern-player-volume';
const HIDE_CONTROLS_MS = 3000;
const UP_NEXT_SECONDS = 5;
/** A saved position this close to the end starts the video over instead. */
const RESUME_END_GUARD_SECONDS = 5;
/** Automatic reloads after an expired URL are at most this frequent; beyond that the viewer decides. */
const AUTO_REFRESH_MIN_MS = 30_000;

type WebkitVideo = HTMLVideoElement & { webkitEnterFullscreen?: () => void };

const noSubscribe = () => () => {};
const canFullscreenNow = () => document.fullscreenEnabled || 'webkitEnterFullscreen' in HTMLVideoElement.prototype;
const canPipNow = () => 'pictureInPictureEnabled' in document && document.pictureInPictureEnabled;
// The server assumes both buttons exist (almost every browser has them): adding them after
// hydration could wrap the phone's control bar to a second row and shift the page below.
const serverTrue = () => true;

const mediaErrorNames: Record<number, string> = { 1: 'MEDIA_ERR_ABORTED', 2: 'MEDIA_ERR_NETWORK', 3: 'MEDIA_ERR_DECODE', 4: 'MEDIA_ERR_SRC_NOT_SUPPORTED' };

const btnBase = 'inline-flex shrink-0 items-center justify-center rounded-md text-white hover:bg-white/15 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-white';
const btn = `${btnBase} size-11 sm:size-10`;

export function VideoPlayer({ videoId, lessonId, title, upNext, onProgress, onEnded, savePrefs, poster }: VideoPlayerProps) {
  const t = useTranslations('player');
  const router = useRouter();
  const wrapRef = useRef<HTMLDivElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const tracksRef = useRef(new Map<string, HTMLTrackElement>());
  const sourceRef = useRef<SourceHandle | null>(null);
  const reporterRef = useRef<BeatReporter | null>(null);
  const lastRefreshRef = useRef(0);
  const lastCaptionRef = useRef<string | null>(null);
  const idleTimerRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pointerTypeRef = useRef('mouse');
  const tilesForRef = useRef<string | null>(null);
  const playButtonRef = useRef<HTMLButtonElement>(null);
  /** The viewer has asked to play once: from then on the source stays attached. `resolve` wakes the loading effect. */
  const intentRef = useRef<{ wanted: boolean; resolve: (() => void) | null }>({ wanted: false, resolve: null });
  /** Play once the source is attached (cleared by a pause asked for while it loads). */
  const playWantedRef = useRef(false);
  /** A position chosen before the source was attached (seek bar or keys before the first play). */
  const pendingStartRef = useRef<number | null>(null);

  const [load, setLoad] = useState<{ n: number; restore: Restore | null }>({ n: 0, restore: null });
  const [info, setInfo] = useState<PlayerPlayback | null>(null);
  const [error, setError] = useState<ErrorKind | null>(null);
  const [sourceKind, setSourceKind] = useState<SourceHandle['kind'] | null>(null);
  const [intent, setIntent] = useState(false);
  const [paused, setPaused] = useState(true);
  const [started, setStarted] = useState(false);
  /** The video has shown a frame: the poster image can go. */
  const [hasFrame, setHasFrame] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const [time, setTime] = useState(0);
  const [mediaDuration, setMediaDuration] = useState(0);
  const [buffered, setBuffered] = useState(0);
  const [volume, setVolume] = useState(1);
  const [muted, setMuted] = useState(false);
  const [rate, setRate] = useState(1);
  const [captionId, setCaptionId] = useState<string | null>(null);
  const [cue, setCue] = useState<{ id: string; text: string } | null>(null);
  const [levels, setLevels] = useState<QualityLevel[]>([]);
  const [level, setLevel] = useState(-1);
  const [playingLevel, setPlayingLevel] = useState<QualityLevel | null>(null);
  const [fullscreen, setFullscreen] = useState(false);
  const [nativeFullscreen, setNativeFullscreen] = useState(false);
  const [pip, setPip] = useState(false);
  const [menu, setMenu] = useState<Menu | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [ended, setEnded] = useState(false);
  const [countdown, setCountdown] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState({ text: '', n: 0 });
  const [tiles, setTiles] = useState<StoryboardTile[]>([]);
  const [idle, setIdle] = useState(false);
  const [controlsFocused, setControlsFocused] = useState(false);

  const canFullscreen = useSyncExternalStore(noSubscribe, canFullscreenNow, serverTrue);
  const canPip = useSyncExternalStore(noSubscribe, canPipNow, serverTrue);

  const duration = mediaDuration || info?.durationSeconds || 0;
  const loading = !error && (waiting || (intent && (!info || !sourceKind)));
  const controlsHidden = idle && !paused && !menu && !controlsFocused && !error && !ended && !helpOpen;
  const captions = info?.captions ?? [];
  const caption = captions.find((c) => c.id === captionId) ?? null;

  const announce = (text: string) => setAnnouncement((a) => ({ text, n: a.n + 1 }));
  const rateText = (r: number) => formatRate(r, t('decimalSeparator'));

  // ── failures and reloads ──

  const fail = (kind: ErrorKind, code: string | null) => {
    setError(kind);
    setWaiting(false);
    if (code) reporterRef.current?.reportError(code, true);
    videoRef.current?.pause();
  };

  /** Fetches playback again and reloads the source where the viewer was (expired URLs, "Try again"). */
  const reload = (play: boolean) => {
    const v = videoRef.current;
    const at = v && v.readyState > 0 ? v.currentTime : time;
    setError(null);
    setLoad((l) => ({ n: l.n + 1, restore: { at, play } }));
  };

  /** A URL expired (403): reload silently unless that just happened, then let the viewer retry. */
  const refresh = () => {
    const now = Date.now();
    if (now - lastRefreshRef.current < AUTO_REFRESH_MIN_MS) {
      fail('network', 'TOKEN_EXPIRED');
      return;
    }
    lastRefreshRef.current = now;
    reporterRef.current?.reportError('TOKEN_EXPIRED', false);
    const v = videoRef.current;
    reload(!!v && !v.paused);
  };

  const failFromEffect = useEffectEvent((kind: ErrorKind, code: string | null) => fail(kind, code));
  const refreshFromEffect = useEffectEvent(() => refresh());

  // ── loading ──

  /** Applies a fresh playback answer: the view (and its reporter), preferences, the start position. */
  const begin = useEffectEvent((p: PlayerPlayback, restore: Restore | null) => {
    const video = videoRef.current!;
    setInfo(p);
    setError(null);
    // A new source starts paused (a reload sets `paused` without a pause event).
    setPaused(true);
    setWaiting(false);
    setSourceKind(null);
    setLevels([]);
    setLevel(-1);
    setPlayingLevel(null);
    if (p.view && reporterRef.current?.view.viewId !== p.view.viewId) {
      reporterRef.current?.detach();
      reporterRef.current = new BeatReporter(video, p.view, getBeatQueue());
    }
    let r = rate;
    if (!restore) {
      r = snapSpeed(p.prefs.rate);
      setRate(r);
      const c = pickCaption(p.captions, p.prefs.captionLang);
      setCaptionId(c?.id ?? null);
      if (c) lastCaptionRef.current = c.id;
    } else if (captionId && !p.captions.some((c) => c.id === captionId)) {
      setCaptionId(null);
    }
    const dur = p.durationSeconds ?? 0;
    let startAt = restore ? restore.at : (p.view?.resumeAt ?? null);
    if (!restore && startAt !== null && dur > 0 && startAt >= dur - RESUME_END_GUARD_SECONDS) startAt = null;
    if (restore) pendingStartRef.current = null;
    if (startAt && pendingStartRef.current === null) setTime(startAt);
    return { startAt, rate: r };
  });

  /** Resolves on the viewer's first intent to play (at once after it). */
  const playIntent = () =>
    new Promise<void>((resolve) => {
      if (intentRef.current.wanted) resolve();
      else intentRef.current.resolve = resolve;
    });

  /** The first intent to play: attach the source (loading hls.js) and play once it is there. */
  const requestPlay = () => {
    playWantedRef.current = true;
    if (intentRef.current.wanted) return;
    intentRef.current.wanted = true;
    setIntent(true);
    intentRef.current.resolve?.();
    intentRef.current.resolve = null;
  };

  /** Where the attached source starts: the viewer's choice before the first play, else the resume position. */
  const startFrom = useEffectEvent((fallback: number | null) => {
    const at = pendingStartRef.current ?? fallback;
    pendingStartRef.current = null;
    if (at) reporterRef.current?.expectSeekTo(at);
    return at;
  });

  const onLevels = useEffectEvent((l: QualityLevel[]) => setLevels(l));
  const onLevelSwitched = useEffectEvent((l: QualityLevel | null) => {
    setPlayingLevel(l);
    reporterRef.current?.setRendition(l ? { height: l.height, bitrate: l.bitrate } : null);
  });
  const onSourceReady = useEffectEvent((handle: SourceHandle) => setSourceKind(handle.kind));

  // The view ends with the component (or its video): its reporter sends what is left.
  useEffect(
    () => () => {
      reporterRef.current?.detach();
      reporterRef.current = null;
    },
    [videoId, lessonId],
  );

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const ac = new AbortController();
    let cancelled = false;
    let handle: SourceHandle | null = null;
    const restore = load.restore;
    (async () => {
      let p: PlayerPlayback;
      try {
        p = await fetchPlayback(videoId, lessonId, ac.signal);
      } catch (e) {
        if (cancelled) return;
        const kind: ErrorKind = e instanceof PlaybackFetchError ? (e.status === 404 ? 'notFound' : e.status === 0 ? 'network' : 'generic') : 'generic';
        failFromEffect(kind, 'PLAYBACK_FETCH');
        return;
      }
      if (cancelled) return;
      const { startAt, rate: r } = begin(p, restore);
      if (!p.hlsUrl && !p.progressiveUrl) {
        failFromEffect('processing', null);
        return;
      }
      await playIntent();
      if (cancelled) return;
      try {
        handle = await attachSource(video, p, () => startFrom(startAt), {
          onLevels: (l) => onLevels(l),
          onLevelSwitched: (l) => onLevelSwitched(l),
          onExpired: () => refreshFromEffect(),
          onFatal: (code, kind) => failFromEffect(kind === 'network' ? 'network' : 'media', code),
        });
      } catch {
        // The hls.js chunk did not load (offline, a deploy replaced it).
        if (!cancelled) failFromEffect('network', 'HLS_IMPORT');
        return;
      }
      if (cancelled) {
        handle?.destroy();
        return;
      }
      if (!handle) {
        failFromEffect('unsupported', 'NO_PLAYABLE_SOURCE');
        return;
      }
      sourceRef.current = handle;
      onSourceReady(handle);
      // Loading a source resets playbackRate to defaultPlaybackRate.
      video.defaultPlaybackRate = r;
      video.playbackRate = r;
      if (restore?.play || playWantedRef.current) video.play().catch(() => {});
      playWantedRef.current = false;
    })();
    return () => {
      cancelled = true;
      ac.abort();
      handle?.destroy();
      if (sourceRef.current === handle) sourceRef.current = null;
    };
  }, [videoId, lessonId, load]);

  // ── page-wide wiring: the beat queue, volume, fullscreen, picture-in-picture ──

  const onAck = useEffectEvent((ack: BeatAck, viewId: string) => {
    if (viewId === reporterRef.current?.view.viewId) onProgress?.(ack.progress);
  });
  useEffect(() => {
    // The first player on a page also sends beats earlier pages left in the queue.
    const off = getBeatQueue().onAck((ack, viewId) => onAck(ack, viewId));
    return () => {
      off();
    };
  }, []);

  useEffect(() => {
    const v = videoRef.current;
    if (!v) return;
    try {
      const saved = JSON.parse(localStorage.getItem(VOLUME_KEY) ?? 'null') as { volume?: unknown; muted?: unknown } | null;
      if (typeof saved?.volume === 'number' && saved.volume >= 0 && saved.volume <= 1) v.volume = saved.volume;
      if (typeof saved?.muted === 'boolean') v.muted = saved.muted;
    } catch {
      // No storage: the browser's defaults.
    }
    const onFs = () => setFullscreen(!!document.fullscreenElement && document.fullscreenElement === wrapRef.current);
    const onPipIn = () => setPip(true);
    const onPipOut = () => setPip(false);
    const onNativeFsIn = () => setNativeFullscreen(true);
    const onNativeFsOut = () => setNativeFullscreen(false);
    document.addEventListener('fullscreenchange', onFs);
    v.addEventListener('enterpictureinpicture', onPipIn);
    v.addEventListener('leavepictureinpicture', onPipOut);
    v.addEventListener('webkitbeginfullscreen', onNativeFsIn);
    v.addEventListener('webkitendfullscreen', onNativeFsOut);
    return () => {
      document.removeEventListener('fullscreenchange', onFs);
      v.removeEventListener('enterpictureinpicture', onPipIn);
      v.removeEventListener('leavepictureinpicture', onPipOut);
      v.removeEventListener('webkitbeginfullscreen', onNativeFsIn);
      v.removeEventListener('webkitendfullscreen', onNativeFsOut);
    };
  }, []);

  useEffect(
    () => () => {
      if (idleTimerRef.current) clearTimeout(idleTimerRef.current);
    },
    [],
  );

  // ── captions: our own rendering above the controls (track mode "hidden"); the system's in iOS fullscreen ──

  useEffect(() => {
    let selected: TextTrack | null = null;
    for (const [id, el] of tracksRef.current) {
      const on = id === captionId;
      el.track.mode = on ? (nativeFullscreen ? 'showing' : 'hidden') : 'disabled';
      if (on) selected = el.track;
    }
    if (!selected || !captionId) return;
    const track = selected;
    const update = () => {
      const texts = [...(track.activeCues ?? [])].map((c) => plainCueText((c as VTTCue).text ?? ''));
      setCue({ id: captionId, text: texts.join('\n') });
    };
    track.addEventListener('cuechange', update);
    return () => track.removeEventListener('cuechange', update);
  }, [captionId, info, nativeFullscreen]);

  // ── storyboard thumbnails (once per video; a failure only means no thumbnails) ──

  const storyboardUrl = info?.storyboardUrl ?? null;
  useEffect(() => {
    if (!storyboardUrl || tilesForRef.current === videoId) return;
    const ac = new AbortController();
    fetch(storyboardUrl, { signal: ac.signal })
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
      .then((text) => {
        tilesForRef.current = videoId;
        setTiles(parseStoryboard(text, new URL(storyboardUrl, window.location.href).href));
      })
      .catch(() => {});
    return () => ac.abort();
  }, [storyboardUrl, videoId]);

  // ── up next ──

  const upNextHref = upNext?.href ?? null;
  useEffect(() => {
    if (countdown === null || !upNextHref) return;
    if (countdown <= 0) {
      router.push(upNextHref);
      return;
    }
    const id = setTimeout(() => setCountdown((c) => (c === null ? null : c - 1)), 1000);
    return () => clearTimeout(id);
  }, [countdown, upNextHref, router]);

  // ── commands ──

  const wake = () => {
    setIdle(false);
    if (idleTimerRef.current) clearTimeout(idleTimerRef.current);
    idleTimerRef.current = setTimeout(() => setIdle(true), HIDE_CONTROLS_MS);
  };

  const togglePlay = () => {
    const v = videoRef.current;
    if (!v || error) return;
    if (v.paused || v.ended) {
      if (!sourceRef.current) requestPlay();
      // Without a source yet this play() only records the gesture (iOS lets a later play() through)
      // and shows the element as playing; the loading effect plays again once the source is there.
      v.play().catch(() => {});
      announce(t('announce.playing'));
    } else {
      v.pause();
      if (!sourceRef.current) playWantedRef.current = false;
      announce(t('announce.paused'));
    }
    wake();
  };

  const seekTo = (target: number, announceIt: boolean) => {
    const v = videoRef.current;
    if (!v || !duration) return;
    const to = Math.min(Math.max(target, 0), duration);
    if (!sourceRef.current) {
      // No source yet (before the first play, or while hls.js loads): start there once it comes.
      pendingStartRef.current = to;
      setTime(to);
      if (announceIt) announce(t('announce.seeked', { time: formatTime(to), total: formatTime(duration) }));
      return;
    }
    reporterRef.current?.noteSeekFrom(v.currentTime);
    v.currentTime = to;
    setTime(to);
    if (to < duration) {
      setEnded(false);
      setCountdown(null);
    }
    if (announceIt) announce(t('announce.seeked', { time: formatTime(to), total: formatTime(duration) }));
  };

  const changeVolume = (next: number, announceIt: boolean) => {
    const v = videoRef.current;
    if (!v) return;
    const vol = Math.round(Math.min(1, Math.max(0, next)) * 100) / 100;
    v.volume = vol;
    v.muted = vol === 0;
    if (announceIt) announce(t('announce.volume', { percent: Math.round(vol * 100) }));
  };

  const toggleMute = () => {
    const v = videoRef.current;
    if (!v) return;
    v.muted = !v.muted;
    if (!v.muted && v.volume === 0) v.volume = 0.5;
    announce(t(v.muted ? 'announce.muted' : 'announce.unmuted'));
  };

  const changeRate = (r: number) => {
    const v = videoRef.current;
    if (!v) return;
    v.defaultPlaybackRate = r;
    v.playbackRate = r;
    setRate(r);
    savePrefs?.({ rate: r });
    announce(t('announce.speed', { rate: rateText(r) }));
  };

  const chooseCaption = (id: string | null) => {
    const c = captions.find((x) => x.id === id) ?? null;
    setCaptionId(c?.id ?? null);
    if (c) lastCaptionRef.current = c.id;
    savePrefs?.({ captionLang: c?.lang ?? null });
    announce(c ? t('announce.captions', { label: c.label || c.lang }) : t('announce.captionsOff'));
  };

  const toggleCaptions = () => {
    if (!captions.length) return;
    if (captionId) chooseCaption(null);
    else chooseCaption(captions.find((c) => c.id === lastCaptionRef.current)?.id ?? pickCaption(captions, navigator.language)?.id ?? captions[0]!.id);
  };

  const qualityLabel = (l: QualityLevel) => {
    const same = levels.filter((x) => x.height === l.height).length > 1;
    return same ? t('heightBitrate', { height: l.height, kbps: Math.round(l.bitrate / 1000) }) : t('height', { height: l.height });
  };
  const autoLabel = playingLevel && level === -1 ? t('autoWithHeight', { height: playingLevel.height }) : t('auto');

  const chooseLevel = (index: number) => {
    sourceRef.current?.setLevel(index);
    setLevel(index);
    const l = levels.find((x) => x.index === index);
    announce(t('announce.quality', { label: l ? qualityLabel(l) : t('auto') }));
  };

  const toggleFullscreen = () => {
    const wrap = wrapRef.current;
    const v = videoRef.current as WebkitVideo | null;
    if (!wrap || !v) return;
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    else if (document.fullscreenEnabled) void wrap.requestFullscreen().catch(() => {});
    else v.webkitEnterFullscreen?.();
  };

  const togglePip = () => {
    const v = videoRef.current;
    if (!v) return;
    if (document.pictureInPictureElement) void document.exitPictureInPicture().catch(() => {});
    else void v.requestPictureInPicture().catch(() => {});
  };

  const run = (cmd: PlayerCommand) => {
    switch (cmd.type) {
      case 'togglePlay':
        return togglePlay();
      case 'seekBy':
        return seekTo((videoRef.current?.currentTime ?? time) + cmd.seconds, true);
      case 'seekToFraction':
        return seekTo(duration * cmd.fraction, true);
      case 'volumeBy':
        return changeVolume((videoRef.current?.muted ? 0 : (videoRef.current?.volume ?? 1)) + cmd.delta, true);
      case 'toggleMute':
        return toggleMute();
      case 'toggleFullscreen':
        return toggleFullscreen();
      case 'toggleCaptions':
        return toggleCaptions();
      case 'speed': {
        const next = stepSpeed(rate, cmd.dir);
        if (next !== rate) changeRate(next);
        return;
      }
      case 'help':
        setMenu(null);
        setHelpOpen(true);
        return;
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.defaultPrevented) return;
    const target = e.target as HTMLElement;
    if (target.closest('dialog, [role="menu"]')) return;
    const cmd = commandForKey(e);
    if (!cmd) return;
    // The volume slider keeps its arrows; a focused button or link keeps Space and Enter.
    if (target.tagName === 'INPUT' && /^(Arrow|Home|End|Page)/.test(e.key)) return;
    if (e.key === ' ' && (target.tagName === 'BUTTON' || target.tagName === 'A')) return;
    e.preventDefault();
    wake();
    run(cmd);
  };

  // ── media element events (UI state; beats are BeatReporter's) ──

  const onMediaError = () => {
    const v = videoRef.current;
    const code = v?.error?.code ?? 0;
    if (!v || code === 1 || !v.error) return;
    const name = mediaErrorNames[code] ?? `MEDIA_ERR_${code}`;
    // Without hls.js an expired URL surfaces only as a network or "unsupported" media error.
    if (sourceKind !== 'hls' && (code === 2 || code === 4) && reporterRef.current?.hasFirstFrame) {
      refresh();
      return;
    }
    fail(code === 2 ? 'network' : code === 4 ? 'unsupported' : 'media', name);
  };

  const updateBuffered = (v: HTMLVideoElement) => {
    const b = v.buffered;
    for (let i = 0; i < b.length; i++) {
      if (b.start(i) <= v.currentTime + 0.5 && b.end(i) >= v.currentTime) {
        setBuffered(b.end(i));
        return;
      }
    }
    setBuffered(0);
  };

  const onVideoPointerDown = (e: PointerEvent<HTMLVideoElement>) => {
    pointerTypeRef.current = e.pointerType;
  };
  const onVideoClick = () => {
    // On touch, the first tap shows hidden controls; a tap with controls showing plays or pauses.
    // (On a phone outside full screen the controls sit below the picture and never hide.)
    const overlaid = fullscreen || window.matchMedia('(min-width: 40rem)').matches;
    if (pointerTypeRef.current !== 'mouse' && controlsHidden && overlaid) {
      wake();
      return;
    }
    wrapRef.current?.focus({ preventScroll: true });
    togglePlay();
  };

  const speedLabel = t('speedValue', { rate: rateText(rate) });
  const captionLabel = caption ? caption.label || caption.lang : t('captionsOff');
  const showCue = !!caption && cue?.id === caption.id && cue.text.trim() !== '' && !nativeFullscreen;

  return (
    <div
      ref={wrapRef}
      role="group"
      aria-label={t('region', { title })}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      onPointerMove={wake}
      onPointerDown={wake}
      data-testid="video-player"
      className={cn(
        'relative w-full rounded-lg bg-black text-white outline-none select-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2 dark:focus-visible:ring-offset-slate-950',
        fullscreen && 'flex h-full items-center rounded-none',
        controlsHidden && 'cursor-none',
      )}
    >
      {/* The stage: the picture and what lies on it. On phones the controls sit below it. */}
      <div className={cn('relative w-full', fullscreen && 'h-full')}>
        <video
          ref={videoRef}
          playsInline
          preload="metadata"
          crossOrigin="anonymous"
          poster={poster ? undefined : (info?.posterUrl ?? undefined)}
          aria-hidden="true"
          onPointerDown={onVideoPointerDown}
          onClick={onVideoClick}
          onPlay={() => {
            // A play() from outside our controls (media keys, the system's controls) is an intent too.
            if (!sourceRef.current) requestPlay();
            setPaused(false);
            setStarted(true);
            setEnded(false);
            setCountdown(null);
            wake();
          }}
          onPause={() => setPaused(true)}
          onPlaying={() => {
            setWaiting(false);
            setHasFrame(true);
          }}
          onWaiting={() => setWaiting(true)}
          onSeeking={() => {
            const v = videoRef.current;
            if (v && !v.ended) {
              setEnded(false);
              setCountdown(null);
            }
          }}
          onTimeUpdate={(e) => {
            const v = e.currentTarget;
            if (v.readyState === 0 || v.seeking) return;
            setTime(v.currentTime);
            updateBuffered(v);
          }}
          onProgress={(e) => updateBuffered(e.currentTarget)}
          onDurationChange={(e) => {
            const d = e.currentTarget.duration;
            if (Number.isFinite(d) && d > 0) setMediaDuration(d);
          }}
          onVolumeChange={(e) => {
            const v = e.currentTarget;
            setVolume(v.volume);
            setMuted(v.muted);
            try {
              localStorage.setItem(VOLUME_KEY, JSON.stringify({ volume: v.volume, muted: v.muted }));
            } catch {
              // Not remembered: fine.
            }
          }}
          onRateChange={(e) => setRate(e.currentTarget.playbackRate)}
          onResize={(e) => {
            const v = e.currentTarget;
            if (sourceKind !== 'hls' && v.videoHeight) reporterRef.current?.setRendition({ height: v.videoHeight, bitrate: 0 });
          }}
          onEnded={() => {
            setEnded(true);
            setPaused(true);
            onEnded?.();
            if (upNext) {
              setCountdown(UP_NEXT_SECONDS);
              announce(t('announce.upNext', { title: upNext.title, seconds: UP_NEXT_SECONDS }));
            }
          }}
          onError={onMediaError}
          className={cn('block w-full bg-black object-contain', fullscreen ? 'h-full' : 'aspect-video rounded-t-lg sm:rounded-lg')}
        >
          {captions.map((c) => (
            <track
              key={c.id}
              ref={(el) => {
                if (el) tracksRef.current.set(c.id, el);
                else tracksRef.current.delete(c.id);
              }}
              kind="captions"
              srcLang={c.lang}
              label={c.label}
              src={c.url}
            />
          ))}
        </video>

        {poster && !hasFrame && (
          // The server-signed poster as a plain image rather than the <video>'s poster attribute: the
          // browser finds it in the HTML at once (the page preloads the same URL), it is the page's
          // largest paint, and it stays until the video shows a frame. Clicks go through to the video.
          // eslint-disable-next-line @next/next/no-img-element -- a signed object-store URL, already sized by the pipeline; the image optimizer would only re-fetch it
          <img src={poster} alt="" fetchPriority="high" className={cn('pointer-events-none absolute inset-0 size-full bg-black object-contain', !fullscreen && 'rounded-t-lg sm:rounded-lg')} />
        )}

        {showCue && (
          <div aria-hidden="true" className={cn('pointer-events-none absolute inset-x-2 z-10 text-center transition-[bottom]', controlsHidden ? 'bottom-4' : fullscreen ? 'bottom-32 sm:bottom-24' : 'bottom-3 sm:bottom-24')}>
            <span className="inline rounded bg-black/80 px-2 py-0.5 text-base leading-relaxed whitespace-pre-line text-white [box-decoration-break:clone] sm:text-xl">{cue.text}</span>
          </div>
        )}

        {loading && (
          <div aria-hidden="true" className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center">
            <div className="size-12 animate-spin rounded-full border-4 border-white/30 border-t-white" />
          </div>
        )}

        {!started && !error && !loading && (
          <button
              type="button"
              onClick={() => {
                togglePlay();
                // This button goes away once playing; keep focus in the player, on the equivalent control.
                playButtonRef.current?.focus({ preventScroll: true });
              }}
              aria-label={t('play')}
              className="absolute inset-0 z-10 m-auto flex size-16 items-center justify-center rounded-full bg-black/60 text-white hover:bg-brand-600 focus-visible:outline-2 focus-visible:outline-white sm:size-20">
            <PlayerIcon name="play" className="size-9 sm:size-11" />
          </button>
        )}

        {error && (
          <div role="alert" className="absolute inset-0 z-20 flex flex-col items-center justify-center gap-3 bg-black/85 p-4 text-center">
            <p className="max-w-md text-sm sm:text-base">{t(`errors.${error}`)}</p>
            {error !== 'notFound' && (
              <button
                type="button"
                onClick={() => reload(started)}
                className="inline-flex min-h-11 items-center rounded-md bg-white px-4 text-sm font-medium text-slate-900 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white sm:min-h-9"
              >
                {t('retry')}
              </button>
            )}
          </div>
        )}

        {ended && upNext && !error && (
          <UpNextCard
            title={upNext.title}
            href={upNext.href}
            seconds={countdown}
            onCancel={() => {
              setCountdown(null);
              announce(t('announce.upNextCancelled'));
            }}
            onReplay={() => {
              seekTo(0, false);
              videoRef.current?.play().catch(() => {});
            }}
          />
        )}
      </div>

      <div
        onFocus={() => setControlsFocused(true)}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setControlsFocused(false);
        }}
        className={cn(
          'z-10 px-2 pb-1 transition-opacity duration-200 sm:px-3',
          fullscreen
            ? 'absolute inset-x-0 bottom-0 bg-linear-to-t from-black/85 via-black/50 to-transparent pt-8'
            : 'relative rounded-b-lg pt-1 sm:absolute sm:inset-x-0 sm:bottom-0 sm:bg-linear-to-t sm:from-black/85 sm:via-black/50 sm:to-transparent sm:pt-8',
          controlsHidden && (fullscreen ? 'pointer-events-none opacity-0' : 'sm:pointer-events-none sm:opacity-0'),
        )}
      >
        <SeekBar
          current={time}
          duration={duration}
          buffered={buffered}
          tiles={tiles}
          label={t('seek')}
          valueText={(s) => t('seekValue', { current: formatTime(s), total: formatTime(duration) })}
          onSeek={(s) => seekTo(s, false)}
          disabled={!info || !!error}
        />
        <div className="flex flex-wrap items-center gap-x-0.5">
          <button ref={playButtonRef} type="button" onClick={togglePlay} aria-label={ended ? t('replay') : paused ? t('play') : t('pause')} className={btn}>
            <PlayerIcon name={ended ? 'replay' : paused ? 'play' : 'pause'} />
          </button>
          <button type="button" onClick={() => run({ type: 'seekBy', seconds: -10 })} aria-label={t('back10')} className={btn}>
            <SkipIcon dir={-1} />
          </button>
          <button type="button" onClick={() => run({ type: 'seekBy', seconds: 10 })} aria-label={t('forward10')} className={btn}>
            <SkipIcon dir={1} />
          </button>
          <button type="button" onClick={toggleMute} aria-label={muted || volume === 0 ? t('unmute') : t('mute')} className={btn}>
            <PlayerIcon name={muted || volume === 0 ? 'muted' : 'volume'} />
          </button>
          <input
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={muted ? 0 : volume}
            onChange={(e) => changeVolume(Number(e.currentTarget.value), false)}
            aria-label={t('volume')}
            aria-valuetext={t('volumeValue', { percent: Math.round((muted ? 0 : volume) * 100) })}
            className="mr-2 hidden h-11 w-20 cursor-pointer accent-white sm:block sm:h-10"
          />
          <span className="px-1 text-sm whitespace-nowrap tabular-nums sm:px-2">
            {formatTime(time)} / {formatTime(duration)}
          </span>

          <div className="ml-auto flex flex-wrap items-center gap-x-0.5">
            {captions.length > 0 && (
              <PlayerMenu
                label={t('captionsMenu')}
                buttonLabel={t('captions', { label: captionLabel })}
                buttonContent={<PlayerIcon name="captions" className={cn('size-6', caption && 'text-indigo-300')} />}
                options={[{ value: '', label: t('captionsOff') }, ...captions.map((c) => ({ value: c.id, label: c.label || c.lang }))]}
                value={captionId ?? ''}
                open={menu === 'captions'}
                onOpenChange={(o) => setMenu(o ? 'captions' : null)}
                onSelect={(v) => chooseCaption(v || null)}
                buttonClassName={btn}
              />
            )}
            <PlayerMenu
              label={t('speedMenu')}
              buttonLabel={t('speed', { rate: rateText(rate) })}
              buttonContent={<span className="text-sm font-semibold tabular-nums">{speedLabel}</span>}
              options={SPEEDS.map((s) => ({ value: String(s), label: s === 1 ? t('normalSpeed') : t('speedValue', { rate: rateText(s) }) }))}
              value={String(rate)}
              open={menu === 'speed'}
              onOpenChange={(o) => setMenu(o ? 'speed' : null)}
              onSelect={(v) => changeRate(Number(v))}
              buttonClassName={`${btnBase} h-11 min-w-11 px-2 sm:h-10 sm:min-w-10`}
            />
            {levels.length > 1 && (
              <PlayerMenu
                label={t('qualityMenu')}
                buttonLabel={t('quality', { label: level === -1 ? autoLabel : qualityLabel(levels.find((l) => l.index === level) ?? levels[0]!) })}
                buttonContent={<PlayerIcon name="settings" />}
                options={[
                  { value: '-1', label: autoLabel },
                  ...[...levels].sort((a, b) => b.height - a.height || b.bitrate - a.bitrate).map((l) => ({ value: String(l.index), label: qualityLabel(l) })),
                ]}
                value={String(level)}
                open={menu === 'quality'}
                onOpenChange={(o) => setMenu(o ? 'quality' : null)}
                onSelect={(v) => chooseLevel(Number(v))}
                buttonClassName={btn}
              />
            )}
            {canPip && (
              <button type="button" onClick={togglePip} aria-label={pip ? t('exitPip') : t('pip')} className={btn}>
                <PlayerIcon name="pip" />
              </button>
            )}
            {canFullscreen && (
              <button type="button" onClick={toggleFullscreen} aria-label={fullscreen ? t('exitFullscreen') : t('fullscreen')} className={btn}>
                <PlayerIcon name={fullscreen ? 'exitFullscreen' : 'fullscreen'} />
              </button>
            )}
            <button
              type="button"
              onClick={() => {
                setMenu(null);
                setHelpOpen(true);
              }}
              aria-label={t('shortcuts')}
              aria-haspopup="dialog"
              className={btn}
            >
              <PlayerIcon name="help" />
            </button>
          </div>
        </div>
      </div>

      <div aria-live="polite" className="sr-only">
        {announcement.text}
        {announcement.n % 2 ? '\u200b' : ''}
      </div>

      {/* Mounted only while open: its table is not part of every page's hydration. */}
      {helpOpen && (
        <ShortcutsDialog
          open
          onClose={() => {
            setHelpOpen(false);
            wrapRef.current?.focus({ preventScroll: true });
          }}
        />
      )}
    </div>
  );
}
